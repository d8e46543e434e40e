package northstar.adapters.http.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import northstar.application.analytics.NewEvent;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.EventStatus;
import northstar.domain.analytics.Platform;
import northstar.domain.analytics.Utm;

/**
 * An event as a client sends it (POST /v1/analytics/events, each item of a batch): the design's
 * record, of which the key decides tenant_id and mode, and the service sets created_at.
 */
public record EventBody(String analyticsId, String tenantId, String mode, String projectId, String app, String surface,
                        String platform, String sessionId, String requestId, String runId, String stepId,
                        String utmSource, String utmMedium, String utmCampaign, String utmContent, String utmTerm,
                        ObjectNode payload, Usage usage, String status, String errorMessage, String timestamp) {

    /** The event for the use case; {@code at} is its path in the body ("" or events[i]), for the fields of refusals. */
    public NewEvent toNewEvent(String at) {
        String app = Bodies.required(Bodies.join(at, "app"), this.app);
        Platform platform = Platform.fromWire(Bodies.join(at, "platform"),
                Bodies.required(Bodies.join(at, "platform"), this.platform));
        Dimensions dims = new Dimensions(app, surface, platform, sessionId, requestId, runId, stepId);
        Utm utm = new Utm(utmSource, utmMedium, utmCampaign, utmContent, utmTerm);
        return new NewEvent(analyticsId, dims, utm,
                payload == null ? Map.of() : Bodies.document(payload, Bodies.join(at, "payload")),
                usage == null ? null : usage.toReport(Bodies.join(at, "usage")),
                status == null ? null : EventStatus.fromWire(Bodies.join(at, "status"), status), errorMessage,
                Bodies.instant(Bodies.join(at, "timestamp"), timestamp));
    }
}
