package northstar.adapters.http.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import northstar.domain.analytics.AnalyticsRecord;

/** An event as the API answers it: the design's record, and for a read by id its state (stored or pending). */
public record EventView(String analyticsId, String tenantId, String mode, String projectId, String app, String surface,
                        String platform, String sessionId, String requestId, String runId, String stepId,
                        String utmSource, String utmMedium, String utmCampaign, String utmContent, String utmTerm,
                        Map<String, Object> payload, Usage usage, String status, String errorMessage, String timestamp,
                        String createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) String state) {

    public static EventView of(AnalyticsRecord r) {
        return of(r, null);
    }

    public static EventView of(AnalyticsRecord r, String state) {
        var d = r.dimensions();
        var u = r.utm();
        return new EventView(r.analyticsId(), r.tenantId(), r.mode().wireName(), r.projectId(), d.app(), d.surface(),
                d.platform().wireName(), d.sessionId(), d.requestId(), d.runId(), d.stepId(), u.source(), u.medium(),
                u.campaign(), u.content(), u.term(), r.payload(), Usage.of(r.usage()), r.status().wireName(),
                r.errorMessage(), r.timestamp().toString(), r.createdAt().toString(), state);
    }
}
