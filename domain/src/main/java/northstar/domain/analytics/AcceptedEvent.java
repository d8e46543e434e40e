package northstar.domain.analytics;

import java.util.Objects;

/**
 * An event the service has accepted and must deliver: the record as it will be stored (before the
 * gates decide its outcome), and whether its timestamp was the server's (then a retry of the same
 * body, which gets another server time, is still the same event).
 */
public record AcceptedEvent(AnalyticsRecord record, boolean serverTimestamp) {
    public AcceptedEvent {
        Objects.requireNonNull(record, "record");
    }
}
