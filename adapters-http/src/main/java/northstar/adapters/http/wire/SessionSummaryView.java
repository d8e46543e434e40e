package northstar.adapters.http.wire;

import java.util.List;
import northstar.application.insight.SessionSummary;

/** GET /v1/sessions/{session_id}/summary: a session's runs, outcomes, usage and media. */
public record SessionSummaryView(String sessionId, long events, long errors, long gatechainerrors, String firstHour,
                                 String lastHour, List<RunView> runs, List<RunSummaryView.UsageTotalView> usage,
                                 MediaTotals media, boolean truncated) {
    public record RunView(String runId, long events, long errors) {
    }

    public record MediaTotals(long count, long bytes) {
    }

    public static SessionSummaryView of(SessionSummary s) {
        return new SessionSummaryView(s.sessionId(), s.events(), s.errors(), s.gatechainErrors(),
                s.firstHour() == null ? null : s.firstHour().toString(),
                s.lastHour() == null ? null : s.lastHour().toString(),
                s.runs().stream().map(r -> new RunView(r.runId(), r.events(), r.errors())).toList(),
                s.usage().stream().map(u -> new RunSummaryView.UsageTotalView(u.provider(), u.metric(), u.amount()))
                        .toList(), new MediaTotals(s.mediaCount(), s.mediaBytes()), s.truncated());
    }
}
