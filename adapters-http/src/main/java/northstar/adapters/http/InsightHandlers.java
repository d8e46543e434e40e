package northstar.adapters.http;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import northstar.adapters.http.wire.Bodies;
import northstar.adapters.http.wire.ReportView;
import northstar.adapters.http.wire.SessionSummaryView;
import northstar.application.insight.InsightService;

/** The insight routes: reports and session summaries over the rollup counters. */
final class InsightHandlers {
    private final InsightService insight;
    private final RequestDeadline deadline;

    InsightHandlers(InsightService insight, RequestDeadline deadline) {
        this.insight = insight;
        this.deadline = deadline;
    }

    /** GET /v1/analytics/report?from&to&granularity&group_by: time series per group, from the rollups. */
    void report(Context ctx) {
        var rc = Auth.context(ctx);
        var projects = Auth.readScope(ctx, rc);
        var from = Bodies.instant("from", Params.required(ctx, "from"));
        var to = Bodies.instant("to", Params.required(ctx, "to"));
        String granularity = Params.required(ctx, "granularity");
        String groups = Params.optional(ctx, "group_by");
        List<String> groupBy = groups == null || groups.isBlank() ? List.of()
                : Arrays.stream(groups.split(",")).map(String::trim).toList();
        Json.write(ctx, 200, ReportView.of(deadline.within("the report",
                () -> insight.report(rc, projects, from, to, granularity, groupBy))));
    }

    /** GET /v1/sessions/{session_id}/summary: runs, outcomes, usage totals, media count and bytes. */
    void sessionSummary(Context ctx) {
        var rc = Auth.context(ctx);
        var projects = Auth.readScope(ctx, rc);
        String session = ctx.pathParam("session_id");
        Json.write(ctx, 200, SessionSummaryView.of(deadline.within("the session summary",
                () -> insight.sessionSummary(rc, projects, session))));
    }
}
