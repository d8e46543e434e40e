package northstar.domain.analytics;

import northstar.domain.ErrorCode;
import northstar.domain.StoreException;

/**
 * A gate of the ingest chain refused an event. The event is stored anyway, with status
 * gatechainerror; this error carries its analytics_id so the caller can find it.
 */
public final class GateRejected extends StoreException {
    private final String analyticsId;
    private final String gate;
    private final String reason;

    public GateRejected(String analyticsId, String gate, String reason, ErrorCode code) {
        super(code, "northstar", "gate " + gate + " refused event " + analyticsId + ": " + reason, false, null);
        this.analyticsId = analyticsId;
        this.gate = gate;
        this.reason = reason;
    }

    public String analyticsId() {
        return analyticsId;
    }

    public String gate() {
        return gate;
    }

    public String reason() {
        return reason;
    }
}
