package northstar.adapters.http.wire;

import java.util.List;
import northstar.application.analytics.RunSummary;

/** GET /v1/analytics/runs/{run_id}/summary: a run's steps in order, its span, errors and usage totals. */
public record RunSummaryView(String runId, String status, int events, int errors, String firstAt, String lastAt,
                             long durationMs, List<StepView> steps, List<UsageTotalView> usage, boolean truncated) {
    public record StepView(String stepId, String status, int events, int errors, String firstAt, String lastAt,
                           long durationMs, String gate, String errorMessage) {
    }

    public record UsageTotalView(String provider, String metric, double amount) {
    }

    public static RunSummaryView of(RunSummary s) {
        return new RunSummaryView(s.runId(), s.status().wireName(), s.events(), s.errors(), s.firstAt().toString(),
                s.lastAt().toString(), s.duration().toMillis(), s.steps().stream().map(st -> new StepView(st.stepId(),
                        st.status().wireName(), st.events(), st.errors(), st.firstAt().toString(), st.lastAt().toString(),
                        st.duration().toMillis(), st.gate(), st.errorMessage())).toList(),
                s.usage().stream().map(u -> new UsageTotalView(u.provider(), u.metric(), u.amount())).toList(),
                s.truncated());
    }
}
