package northstar.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import northstar.adapters.http.wire.BatchBody;
import northstar.adapters.http.wire.BatchItem;
import northstar.adapters.http.wire.Bodies;
import northstar.adapters.http.wire.EventBody;
import northstar.adapters.http.wire.EventView;
import northstar.adapters.http.wire.Receipt;
import northstar.application.analytics.AnalyticsService;
import northstar.application.analytics.BatchItemResult;
import northstar.application.analytics.NewEvent;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.analytics.AnalyticsQuery;
import northstar.domain.analytics.EventBatch;
import northstar.domain.analytics.Platform;

/** /v1/analytics: ingest (one or a batch), range query, run query, one event. */
final class AnalyticsHandlers {
    private final AnalyticsService analytics;
    private final long maxJsonBytes;
    private final RequestDeadline deadline;

    AnalyticsHandlers(AnalyticsService analytics, long maxJsonBytes, RequestDeadline deadline) {
        this.analytics = analytics;
        this.maxJsonBytes = maxJsonBytes;
        this.deadline = deadline;
    }

    void ingest(Context ctx) {
        EventBody body = Json.read(ctx, maxJsonBytes, EventBody.class);
        RequestContext rc = scoped(ctx, Auth.context(ctx), body, "");
        Receipt receipt = Receipt.of(analytics.ingest(rc, body.toNewEvent("")));
        Json.write(ctx, receipt.httpStatus(), receipt);
    }

    void ingestBatch(Context ctx) {
        List<JsonNode> items = EventBatch.of(Json.read(ctx, maxJsonBytes, BatchBody.class).events()).events();
        RequestContext rc = Auth.context(ctx);
        // the design's record carries its project: the events of one batch name one project, or none
        String batchProject = null;
        for (int i = 0; i < items.size(); i++) {
            JsonNode p = items.get(i) == null ? null : items.get(i).get("project_id");
            if (p != null && p.isTextual()) {
                if (batchProject != null && !batchProject.equals(p.textValue())) {
                    throw StoreException.invalid("events[" + i + "].project_id", "differs from the project of an"
                            + " earlier event of this batch (" + batchProject + "): send one batch per project");
                }
                batchProject = p.textValue();
            }
        }
        BatchItem[] results = new BatchItem[items.size()];
        List<NewEvent> valid = new ArrayList<>();
        List<Integer> validIndex = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = "events[" + i + "]";
            try {
                EventBody item = Bodies.bind(items.get(i), EventBody.class, at);
                rc = scoped(ctx, rc, item, at);
                valid.add(item.toNewEvent(at));
                validIndex.add(i);
            } catch (StoreException e) {
                results[i] = BatchItem.refused(i, e, ProblemStatus.of(e));
            }
        }
        if (!valid.isEmpty()) {
            List<BatchItemResult> stored = analytics.ingestBatch(rc, valid);
            for (int j = 0; j < stored.size(); j++) {
                int index = validIndex.get(j);
                BatchItemResult r = stored.get(j);
                results[index] = r.ok() ? BatchItem.stored(index, Receipt.of(r.receipt()))
                        : BatchItem.refused(index, r.error(), ProblemStatus.of(r.error()));
            }
        }
        Json.writeList(ctx, 200, "results", List.of(results), r -> r, Map.of());
    }

    /**
     * The design's record carries tenant_id, mode and project_id; a client built from it sends them.
     * The key decides the tenant: another tenant_id is 403, another mode 400. project_id selects the
     * project as X-Project-Id does; both given and different is a 400 naming the field.
     */
    static RequestContext scoped(Context ctx, RequestContext rc, EventBody b, String at) {
        if (b.tenantId() != null && !b.tenantId().equals(rc.tenantId())) {
            throw new StoreException(northstar.domain.ErrorCode.PERMISSION_DENIED, Bodies.join(at, "tenant_id")
                    + ": an API key writes its own tenant's events only");
        }
        if (b.mode() != null && !b.mode().equals(rc.mode().wireName())) {
            throw StoreException.invalid(Bodies.join(at, "mode"), "is " + b.mode() + ", but tenant " + rc.tenantId()
                    + " runs in " + rc.mode().wireName() + " mode");
        }
        String project = b.projectId();
        if (project == null || project.equals(rc.projectId())) {
            return rc;
        }
        String field = Bodies.join(at, "project_id");
        if (ctx.header("X-Project-Id") != null) {
            throw StoreException.invalid(field, "is " + project + ", but X-Project-Id says " + rc.projectId());
        }
        Auth.requireProject(Auth.principal(ctx), northstar.domain.Identifiers.id(field, project), field);
        return new RequestContext(rc.tenantId(), rc.mode(), rc.env(), project, rc.userId(), rc.requestId());
    }

    void query(Context ctx) {
        String platform = Params.optional(ctx, "platform");
        AnalyticsQuery q = new AnalyticsQuery(Bodies.instant("start", Params.required(ctx, "start")),
                Bodies.instant("end", Params.required(ctx, "end")), Optional.ofNullable(Params.optional(ctx, "app")),
                Optional.ofNullable(platform).map(p -> Platform.fromWire("platform", p)), Params.page(ctx));
        var rc = Auth.context(ctx);
        var projects = Auth.readScope(ctx, rc);
        Json.writePage(ctx, deadline.within("the query", () -> analytics.query(rc, projects, q)), EventView::of);
    }

    void run(Context ctx) {
        var rc = Auth.context(ctx);
        String run = ctx.pathParam("run_id");
        var page = Params.page(ctx);
        var projects = Auth.readScope(ctx, rc);
        Json.writePage(ctx, deadline.within("the run query", () -> analytics.eventsOfRun(rc, projects, run, page)),
                EventView::of);
    }

    /** GET /v1/analytics/runs/{run_id}/summary: the run's steps in order, errors, the refusing gate, usage totals. */
    void runSummary(Context ctx) {
        var rc = Auth.context(ctx);
        String run = ctx.pathParam("run_id");
        var projects = Auth.readScope(ctx, rc);
        Json.write(ctx, 200, northstar.adapters.http.wire.RunSummaryView.of(deadline.within("the run summary",
                () -> analytics.summarizeRun(rc, projects, run))));
    }

    void one(Context ctx) {
        var rc = Auth.context(ctx);
        String id = ctx.pathParam("analytics_id");
        var projects = Auth.readScope(ctx, rc);
        AnalyticsService.EventView view = deadline.within("reading the event", () -> analytics.find(rc, projects, id));
        Json.write(ctx, 200, EventView.of(view.record(), view.pending() ? "pending" : "stored"));
    }
}
