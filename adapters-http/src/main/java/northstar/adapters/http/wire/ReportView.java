package northstar.adapters.http.wire;

import java.util.List;
import java.util.Map;
import northstar.application.insight.Report;

/** GET /v1/analytics/report: per group, a time series of events, error rates and usage sums. */
public record ReportView(String from, String to, String granularity, List<String> groupBy, List<SeriesView> series,
                         boolean truncated) {
    public record SeriesView(Map<String, String> group, long events, List<PointView> points) {
    }

    public record PointView(String start, long events, long errors, long gatechainerrors, double errorRate,
                            double gatechainerrorRate, List<RunSummaryView.UsageTotalView> usage) {
    }

    public static ReportView of(Report r) {
        return new ReportView(r.from().toString(), r.to().toString(), r.granularity(), r.groupBy(),
                r.series().stream().map(s -> new SeriesView(s.group(), s.events(), s.points().stream()
                        .map(p -> new PointView(p.start().toString(), p.events(), p.errors(), p.gatechainErrors(),
                                p.errorRate(), p.gatechainErrorRate(), p.usage().stream().map(u ->
                                new RunSummaryView.UsageTotalView(u.provider(), u.metric(), u.amount())).toList()))
                        .toList())).toList(), r.truncated());
    }
}
