package northstar.adapters.persistence.document;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import northstar.domain.Mode;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.EventStatus;
import northstar.domain.analytics.Platform;
import northstar.domain.analytics.UsageReport;
import northstar.domain.analytics.Utm;

/**
 * An analytics record as a flat document with the design's snake_case field names, the form
 * every backend stores (SQLite JSON, DynamoDB attributes, Firestore fields, Cosmos JSON). Absent
 * optional fields are left out.
 */
public final class AnalyticsDocuments {
    private AnalyticsDocuments() {
    }

    public static Map<String, Object> toDocument(AnalyticsRecord r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("analytics_id", r.analyticsId());
        d.put("tenant_id", r.tenantId());
        d.put("mode", r.mode().wireName());
        d.put("project_id", r.projectId());
        Dimensions dim = r.dimensions();
        d.put("app", dim.app());
        putIf(d, "surface", dim.surface());
        d.put("platform", dim.platform().wireName());
        putIf(d, "session_id", dim.sessionId());
        putIf(d, "request_id", dim.requestId());
        putIf(d, "run_id", dim.runId());
        putIf(d, "step_id", dim.stepId());
        putIf(d, "utm_source", r.utm().source());
        putIf(d, "utm_medium", r.utm().medium());
        putIf(d, "utm_campaign", r.utm().campaign());
        putIf(d, "utm_content", r.utm().content());
        putIf(d, "utm_term", r.utm().term());
        d.put("payload", r.payload());
        if (r.usage() != null) {
            d.put("usage", Map.of("provider", r.usage().provider(), "metric", r.usage().metric(),
                    "amount", r.usage().amount()));
        }
        d.put("status", r.status().wireName());
        putIf(d, "error_message", r.errorMessage());
        d.put("timestamp", r.timestamp().toString());
        d.put("created_at", r.createdAt().toString());
        return d;
    }

    @SuppressWarnings("unchecked")
    public static AnalyticsRecord fromDocument(Map<String, Object> d) {
        Map<String, Object> usage = (Map<String, Object>) d.get("usage");
        Object payload = d.get("payload");
        return new AnalyticsRecord(s(d, "analytics_id"), s(d, "tenant_id"), Mode.fromWire("mode", s(d, "mode")),
                s(d, "project_id"),
                new Dimensions(s(d, "app"), s(d, "surface"), Platform.fromWire("platform", s(d, "platform")),
                        s(d, "session_id"), s(d, "request_id"), s(d, "run_id"), s(d, "step_id")),
                new Utm(s(d, "utm_source"), s(d, "utm_medium"), s(d, "utm_campaign"), s(d, "utm_content"),
                        s(d, "utm_term")),
                payload == null ? Map.of() : (Map<String, Object>) payload,
                usage == null ? null : new UsageReport((String) usage.get("provider"), (String) usage.get("metric"),
                        ((Number) usage.get("amount")).doubleValue()),
                EventStatus.fromWire("status", s(d, "status")), s(d, "error_message"),
                Instant.parse(s(d, "timestamp")), Instant.parse(s(d, "created_at")));
    }

    private static void putIf(Map<String, Object> d, String k, String v) {
        if (v != null) {
            d.put(k, v);
        }
    }

    private static String s(Map<String, Object> d, String k) {
        return (String) d.get(k);
    }
}
