package northstar.application.insight;

import java.time.Instant;
import java.util.List;

/**
 * What a session did, from the rollup counters and its media records: events and their outcomes, the
 * runs it held (events and errors each), the usage it was charged, and its media count and bytes.
 *
 * @param firstHour the start of the first hour it has events in, or null when it has none
 * @param lastHour  the start of the last
 * @param truncated whether the session had more hours or media than one summary reads
 */
public record SessionSummary(String sessionId, long events, long errors, long gatechainErrors, Instant firstHour,
                             Instant lastHour, List<RunCount> runs, List<Report.UsageSum> usage, long mediaCount,
                             long mediaBytes, boolean truncated) {
    public SessionSummary {
        runs = List.copyOf(runs);
        usage = List.copyOf(usage);
    }

    /** A run of the session: its events, and those of status error or gatechainerror. */
    public record RunCount(String runId, long events, long errors) {
    }
}
