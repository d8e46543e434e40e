package northstar.domain.analytics;

import northstar.domain.WireNames;

/**
 * Why an event ended as it did. success and error are reported by the client; gatechainerror is
 * set only by ingest when a gate refused the event (the event is still stored).
 */
public enum EventStatus {
    SUCCESS, ERROR, GATECHAINERROR;

    public String wireName() {
        return WireNames.of(this);
    }

    public static EventStatus fromWire(String field, String value) {
        return WireNames.parse(EventStatus.class, field, value);
    }
}
