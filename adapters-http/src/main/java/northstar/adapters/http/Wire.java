package northstar.adapters.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import northstar.application.budget.UsageOutcome;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.attribution.AttributionContract;
import northstar.domain.attribution.UtmField;
import northstar.domain.attribution.Violation;
import northstar.domain.budget.BudgetUsageRecord;
import northstar.domain.media.MediaOutputMetadata;
import northstar.domain.objects.ObjectInfo;

/** Domain records as JSON objects in snake_case: the response shapes of the API, in one place. */
final class Wire {
    private Wire() {
    }

    static Map<String, Object> event(AnalyticsRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("analytics_id", r.analyticsId());
        m.put("tenant_id", r.tenantId());
        m.put("mode", r.mode().wireName());
        m.put("project_id", r.projectId());
        m.put("app", r.dimensions().app());
        m.put("surface", r.dimensions().surface());
        m.put("platform", r.dimensions().platform().wireName());
        m.put("session_id", r.dimensions().sessionId());
        m.put("request_id", r.dimensions().requestId());
        m.put("run_id", r.dimensions().runId());
        m.put("step_id", r.dimensions().stepId());
        m.put("utm_source", r.utm().source());
        m.put("utm_medium", r.utm().medium());
        m.put("utm_campaign", r.utm().campaign());
        m.put("utm_content", r.utm().content());
        m.put("utm_term", r.utm().term());
        m.put("payload", r.payload());
        m.put("usage", r.usage() == null ? null : Map.of("provider", r.usage().provider(), "metric",
                r.usage().metric(), "amount", r.usage().amount()));
        m.put("status", r.status().wireName());
        m.put("error_message", r.errorMessage());
        m.put("timestamp", r.timestamp().toString());
        m.put("created_at", r.createdAt().toString());
        return m;
    }

    static Map<String, Object> contract(AttributionContract c) {
        Map<String, Object> template = new TreeMap<>();
        c.utmTemplate().forEach((f, v) -> template.put(f.fieldName(), v));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("contract_id", c.contractId());
        m.put("tenant_id", c.tenantId());
        m.put("platform", c.platform());
        m.put("utm_template", template);
        m.put("allowed_fields", c.allowedFields().stream().map(UtmField::fieldName).toList());
        m.put("version", c.version());
        m.put("created_at", c.createdAt().toString());
        m.put("updated_at", c.updatedAt().toString());
        return m;
    }

    static Map<String, Object> violation(Violation v) {
        return Map.of("field", v.field(), "kind", v.kind().name().toLowerCase(java.util.Locale.ROOT), "message",
                v.message());
    }

    static Map<String, Object> budget(BudgetUsageRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("record_id", r.recordId());
        m.put("tenant_id", r.tenantId());
        m.put("project_id", r.projectId());
        m.put("provider", r.provider());
        m.put("metric", r.metric());
        m.put("usage", r.usage());
        m.put("soft_limit", r.softLimit());
        m.put("hard_limit", r.hardLimit());
        m.put("soft_exceeded", r.softExceeded());
        m.put("hard_exceeded", r.hardExceeded());
        m.put("created_at", r.createdAt().toString());
        m.put("updated_at", r.updatedAt().toString());
        return m;
    }

    static Map<String, Object> usage(UsageOutcome o) {
        Map<String, Object> m = budget(o.record());
        m.put("soft_limit_crossed", o.softLimitCrossed());
        m.put("replayed", o.replayed());
        return m;
    }

    static Map<String, Object> media(MediaOutputMetadata md) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("media_id", md.mediaId());
        m.put("tenant_id", md.tenantId());
        if (md.projectId() != null) {
            m.put("project_id", md.projectId());
        }
        m.put("session_id", md.sessionId());
        m.put("user_id", md.userId());
        m.put("object_ref", md.objectRef());
        m.put("mime_type", md.mimeType());
        m.put("size_bytes", md.sizeBytes());
        m.put("checksum_sha256", md.checksumSha256());
        m.put("created_at", md.createdAt().toString());
        m.put("updated_at", md.updatedAt().toString());
        return m;
    }

    static Map<String, Object> object(ObjectInfo i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", i.key().value());
        m.put("size", i.size());
        m.put("content_type", i.contentType());
        m.put("sha256", i.sha256());
        m.put("last_modified", i.lastModified().toString());
        return m;
    }
}
