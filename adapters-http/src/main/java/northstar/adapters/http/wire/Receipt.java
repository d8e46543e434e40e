package northstar.adapters.http.wire;

import northstar.application.analytics.IngestReceipt;

/** The answer to an ingest: the event's id and status, whether it was a replay, stored or pending, and the contract that validated it. */
public record Receipt(String analyticsId, String status, boolean replayed, String state, String validatedBy) {
    public static Receipt of(IngestReceipt r) {
        return new Receipt(r.analyticsId(), r.status().wireName(), r.replayed(), r.pending() ? "pending" : "stored",
                r.validatedBy());
    }

    /** The status the event's own request answers: 202 pending, 200 a replay, 201 stored. */
    public int httpStatus() {
        return "pending".equals(state) ? 202 : replayed ? 200 : 201;
    }
}
