package northstar.domain.analytics;

import java.util.Locale;
import northstar.domain.StoreException;

/**
 * Why an event ended as it did. success and error are reported by the client; gatechainerror is
 * set only by ingest when a gate refused the event (the event is still stored).
 */
public enum EventStatus {
    SUCCESS, ERROR, GATECHAINERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventStatus fromWire(String field, String value) {
        for (EventStatus s : values()) {
            if (s.wireName().equals(value)) {
                return s;
            }
        }
        throw StoreException.invalid(field, "must be one of success, error, gatechainerror");
    }
}
