package northstar.domain.analytics;

import java.util.Objects;

/**
 * An event the service has accepted and must deliver: the record as it will be stored (before the
 * gates decide its outcome), whether its timestamp was the server's, and whether its request_id
 * was the request's (the event named none). Either way a retry of the same body, which gets another
 * server time and another request id, is still the same event.
 */
public record AcceptedEvent(AnalyticsRecord record, boolean serverTimestamp, boolean serverRequestId) {
    public AcceptedEvent {
        Objects.requireNonNull(record, "record");
    }

    public AcceptedEvent(AnalyticsRecord record, boolean serverTimestamp) {
        this(record, serverTimestamp, false);
    }
}
