package northstar.application.analytics;

import northstar.domain.analytics.EventStatus;

/**
 * An event accepted and stored.
 *
 * @param replayed the id was already stored with this same event: nothing was stored twice
 */
public record IngestReceipt(String analyticsId, EventStatus status, boolean replayed) {
}
