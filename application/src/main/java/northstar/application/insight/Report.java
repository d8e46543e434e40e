package northstar.application.insight;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An analytics report: per group, a time series of counts, error rates and usage sums, read from
 * the rollup counters. Points are the buckets that have events (none is an implicit zero).
 *
 * @param truncated whether groups past {@link InsightService#MAX_SERIES} (the smallest by events) were left out
 */
public record Report(Instant from, Instant to, String granularity, List<String> groupBy, List<Series> series,
                     boolean truncated) {
    public Report {
        groupBy = List.copyOf(groupBy);
        series = List.copyOf(series);
    }

    /** One group (its values by dimension; an absent value is null) and its points in time order. */
    public record Series(Map<String, String> group, long events, List<Point> points) {
        public Series {
            group = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(group));
            points = List.copyOf(points);
        }
    }

    /** A bucket of the series: events, errors and refusals, their rates, and usage sums per provider and metric. */
    public record Point(Instant start, long events, long errors, long gatechainErrors, List<UsageSum> usage) {
        public Point {
            usage = List.copyOf(usage);
        }

        public double errorRate() {
            return events == 0 ? 0 : (double) errors / events;
        }

        public double gatechainErrorRate() {
            return events == 0 ? 0 : (double) gatechainErrors / events;
        }
    }

    public record UsageSum(String provider, String metric, double amount) {
    }
}
