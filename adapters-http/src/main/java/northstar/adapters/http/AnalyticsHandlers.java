package northstar.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import northstar.application.analytics.AnalyticsService;
import northstar.application.analytics.BatchItemResult;
import northstar.application.analytics.IngestReceipt;
import northstar.application.analytics.NewEvent;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.analytics.AnalyticsQuery;
import northstar.domain.analytics.EventBatch;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.EventStatus;
import northstar.domain.analytics.Platform;
import northstar.domain.analytics.UsageReport;
import northstar.domain.analytics.Utm;

/** /v1/analytics: ingest (one or a batch), range query, run query, one event. */
final class AnalyticsHandlers {
    private static final Set<String> EVENT_FIELDS = Set.of("analytics_id", "app", "surface", "platform", "session_id",
            "request_id", "run_id", "step_id", "utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term",
            "payload", "usage", "status", "error_message", "timestamp", "tenant_id", "mode", "project_id");

    private final AnalyticsService analytics;
    private final long maxJsonBytes;
    private final RequestDeadline deadline;

    AnalyticsHandlers(AnalyticsService analytics, long maxJsonBytes, RequestDeadline deadline) {
        this.analytics = analytics;
        this.maxJsonBytes = maxJsonBytes;
        this.deadline = deadline;
    }

    void ingest(Context ctx) {
        JsonBody body = Json.read(ctx, maxJsonBytes);
        RequestContext rc = scoped(ctx, Auth.context(ctx), body);
        NewEvent event = event(body);
        IngestReceipt receipt = analytics.ingest(rc, event);
        Json.write(ctx, receipt.pending() ? 202 : receipt.replayed() ? 200 : 201, receipt(receipt));
    }

    void ingestBatch(Context ctx) {
        JsonBody body = Json.read(ctx, maxJsonBytes).allowOnly(Set.of("events"));
        List<JsonNode> items = EventBatch.of(body.array("events")).events();
        RequestContext rc = Auth.context(ctx);
        // the design's record carries its project: the events of one batch name one project, or none
        String batchProject = null;
        for (int i = 0; i < items.size(); i++) {
            JsonNode p = items.get(i).isObject() ? items.get(i).get("project_id") : null;
            if (p != null && !p.isNull()) {
                String given = p.isTextual() ? p.textValue() : p.toString();
                if (batchProject != null && !batchProject.equals(given)) {
                    throw StoreException.invalid("events[" + i + "].project_id", "differs from the project of an"
                            + " earlier event of this batch (" + batchProject + "): send one batch per project");
                }
                batchProject = given;
            }
        }
        Map<Integer, Object> results = new LinkedHashMap<>();
        List<NewEvent> valid = new ArrayList<>();
        List<Integer> validIndex = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                JsonBody item = JsonBody.of(items.get(i), "events[" + i + "]");
                rc = scoped(ctx, rc, item);
                valid.add(event(item));
                validIndex.add(i);
            } catch (StoreException e) {
                results.put(i, failure(i, e));
            }
        }
        if (!valid.isEmpty()) {
            List<BatchItemResult> stored = analytics.ingestBatch(rc, valid);
            for (int j = 0; j < stored.size(); j++) {
                int index = validIndex.get(j);
                BatchItemResult r = stored.get(j);
                if (r.ok()) {
                    Map<String, Object> ok = new LinkedHashMap<>();
                    ok.put("index", index);
                    ok.putAll(receipt(r.receipt()));
                    ok.put("http_status", r.receipt().pending() ? 202 : r.receipt().replayed() ? 200 : 201);
                    results.put(index, ok);
                } else {
                    results.put(index, failure(index, r.error()));
                }
            }
        }
        List<Object> ordered = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ordered.add(results.get(i));
        }
        Json.writeList(ctx, 200, "results", ordered, r -> r, Map.of());
    }

    /**
     * A batch item that was not accepted as it came: "state" says what became of it ("stored" for an
     * event a gate refused, kept with status gatechainerror; "rejected" for one that was not stored),
     * "http_status" the status its own request would have had, as for every item.
     */
    private static Map<String, Object> failure(int index, StoreException e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        if (e instanceof northstar.domain.analytics.GateRejected) {
            m.put("state", "stored");
            m.put("status", EventStatus.GATECHAINERROR.wireName());
        } else {
            m.put("state", "rejected");
        }
        m.put("http_status", ProblemStatus.of(e));
        m.put("code", e.code().name());
        m.put("detail", e.getMessage());
        if (e instanceof StoreException.InvalidArgument invalid) {
            m.put("field", invalid.field());
        }
        if (e instanceof northstar.domain.analytics.GateRejected g) {
            m.put("analytics_id", g.analyticsId());
            m.put("gate", g.gate());
        }
        return m;
    }

    private static Map<String, Object> receipt(IngestReceipt r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("analytics_id", r.analyticsId());
        m.put("status", r.status().wireName());
        m.put("replayed", r.replayed());
        m.put("state", r.pending() ? "pending" : "stored");
        m.put("validated_by", r.validatedBy());
        return m;
    }

    /**
     * The design's record carries tenant_id, mode and project_id; a client built from it sends them.
     * The key decides the tenant: another tenant_id is 403, another mode 400. project_id selects the
     * project as X-Project-Id does; both given and different is a 400 naming the field.
     */
    static RequestContext scoped(Context ctx, RequestContext rc, JsonBody b) {
        String tenant = b.string("tenant_id");
        if (tenant != null && !tenant.equals(rc.tenantId())) {
            throw new StoreException(northstar.domain.ErrorCode.PERMISSION_DENIED, b.nameOf("tenant_id")
                    + ": an API key writes its own tenant's events only");
        }
        String mode = b.string("mode");
        if (mode != null && !mode.equals(rc.mode().wireName())) {
            throw StoreException.invalid(b.nameOf("mode"), "is " + mode + ", but tenant " + rc.tenantId() + " runs in "
                    + rc.mode().wireName() + " mode");
        }
        String project = b.string("project_id");
        if (project == null || project.equals(rc.projectId())) {
            return rc;
        }
        if (ctx.header("X-Project-Id") != null) {
            throw StoreException.invalid(b.nameOf("project_id"), "is " + project + ", but X-Project-Id says "
                    + rc.projectId());
        }
        Auth.requireProject(Auth.principal(ctx), northstar.domain.Identifiers.id(b.nameOf("project_id"), project),
                b.nameOf("project_id"));
        return new RequestContext(rc.tenantId(), rc.mode(), rc.env(), project, rc.userId(), rc.requestId());
    }

    private static NewEvent event(JsonBody b) {
        b.allowOnly(EVENT_FIELDS);
        String app = b.requiredString("app");
        Platform platform = Platform.fromWire(b.nameOf("platform"), b.requiredString("platform"));
        Dimensions dims = new Dimensions(app, b.string("surface"), platform, b.string("session_id"), b.string("request_id"),
                b.string("run_id"), b.string("step_id"));
        Utm utm = new Utm(b.string("utm_source"), b.string("utm_medium"), b.string("utm_campaign"),
                b.string("utm_content"), b.string("utm_term"));
        JsonBody usage = b.object("usage");
        UsageReport report = null;
        if (usage != null) {
            usage.allowOnly(Set.of("provider", "metric", "amount"));
            report = new UsageReport(usage.requiredString("provider"), usage.requiredString("metric"),
                    usage.requiredNumber("amount"));
        }
        String status = b.string("status");
        return new NewEvent(b.string("analytics_id"), dims, utm, b.document("payload"), report,
                status == null ? null : EventStatus.fromWire(b.nameOf("status"), status), b.string("error_message"),
                b.instant("timestamp"));
    }

    void query(Context ctx) {
        String platform = Params.optional(ctx, "platform");
        AnalyticsQuery q = new AnalyticsQuery(JsonBody.parseInstant("start", Params.required(ctx, "start")),
                JsonBody.parseInstant("end", Params.required(ctx, "end")), Optional.ofNullable(Params.optional(ctx, "app")),
                Optional.ofNullable(platform).map(p -> Platform.fromWire("platform", p)), Params.page(ctx));
        var rc = Auth.context(ctx);
        var projects = Auth.readScope(ctx, rc);
        Json.writePage(ctx, deadline.within("the query", () -> analytics.query(rc, projects, q)), Wire::event);
    }

    void run(Context ctx) {
        var rc = Auth.context(ctx);
        String run = ctx.pathParam("run_id");
        var page = Params.page(ctx);
        var projects = Auth.readScope(ctx, rc);
        Json.writePage(ctx, deadline.within("the run query", () -> analytics.eventsOfRun(rc, projects, run, page)),
                Wire::event);
    }

    void one(Context ctx) {
        var rc = Auth.context(ctx);
        String id = ctx.pathParam("analytics_id");
        var projects = Auth.readScope(ctx, rc);
        AnalyticsService.EventView view = deadline.within("reading the event", () -> analytics.find(rc, projects, id));
        Map<String, Object> m = Wire.event(view.record());
        m.put("state", view.pending() ? "pending" : "stored");
        Json.write(ctx, 200, m);
    }
}
