package northstar.application.analytics;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import northstar.domain.DocumentValues;
import northstar.domain.Identifiers;
import northstar.domain.StoreException;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.EventStatus;
import northstar.domain.analytics.UsageReport;
import northstar.domain.analytics.Utm;

/**
 * An event as a client reports it. Tenant, mode and project come from the caller's context, never
 * from the event.
 *
 * @param analyticsId the client's id for idempotent retries, or null for a new server id
 * @param status      success or error as the client saw it (gatechainerror is the server's alone)
 * @param timestamp   when it happened, or null for now
 */
public record NewEvent(String analyticsId, Dimensions dimensions, Utm utm, Map<String, Object> payload,
                       UsageReport usage, EventStatus status, String errorMessage, Instant timestamp) {
    public NewEvent {
        Identifiers.optionalId("analytics_id", analyticsId);
        if (dimensions == null) {
            throw StoreException.invalid("app", "is required");
        }
        utm = utm == null ? Utm.NONE : utm;
        payload = DocumentValues.copyMap("payload", payload);
        status = status == null ? EventStatus.SUCCESS : status;
        if (status == EventStatus.GATECHAINERROR) {
            throw StoreException.invalid("status", "gatechainerror is set by the server only; report success or error");
        }
        if (status == EventStatus.SUCCESS && errorMessage != null) {
            throw StoreException.invalid("error_message", "must be absent when status is success");
        }
        Objects.requireNonNull(dimensions);
    }
}
