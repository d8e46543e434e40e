package northstar.application.analytics;

import northstar.domain.analytics.EventStatus;

/**
 * An event accepted: stored, or held in the ingest journal until its store answers.
 *
 * @param status   the stored outcome; for a pending event, the status the client reported (the gates
 *                 decide at delivery)
 * @param replayed the id was already stored with this same event: nothing was stored twice
 * @param pending  durable in the ingest journal, not yet in the store of record
 * @param validatedBy the platform whose attribution contract validated the event's UTM on this
 *                 delivery; null when nothing validated it (no UTM, a source no contract fixes,
 *                 refused, pending, or a replay of an earlier delivery)
 */
public record IngestReceipt(String analyticsId, EventStatus status, boolean replayed, boolean pending,
                            String validatedBy) {
    public IngestReceipt(String analyticsId, EventStatus status, boolean replayed, boolean pending) {
        this(analyticsId, status, replayed, pending, null);
    }

    static IngestReceipt stored(String analyticsId, EventStatus status, boolean replayed) {
        return new IngestReceipt(analyticsId, status, replayed, false, null);
    }

    static IngestReceipt stored(String analyticsId, EventStatus status, boolean replayed, String validatedBy) {
        return new IngestReceipt(analyticsId, status, replayed, false, validatedBy);
    }

    static IngestReceipt pending(String analyticsId, EventStatus reported) {
        return new IngestReceipt(analyticsId, reported, false, true, null);
    }
}
