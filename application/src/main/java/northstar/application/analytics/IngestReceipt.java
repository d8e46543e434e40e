package northstar.application.analytics;

import northstar.domain.analytics.EventStatus;

/**
 * An event accepted: stored, or held in the ingest journal until its store answers.
 *
 * @param status   the stored outcome; for a pending event, the status the client reported (the gates
 *                 decide at delivery)
 * @param replayed the id was already stored with this same event: nothing was stored twice
 * @param pending  durable in the ingest journal, not yet in the store of record
 */
public record IngestReceipt(String analyticsId, EventStatus status, boolean replayed, boolean pending) {
    static IngestReceipt stored(String analyticsId, EventStatus status, boolean replayed) {
        return new IngestReceipt(analyticsId, status, replayed, false);
    }

    static IngestReceipt pending(String analyticsId, EventStatus reported) {
        return new IngestReceipt(analyticsId, reported, false, true);
    }
}
