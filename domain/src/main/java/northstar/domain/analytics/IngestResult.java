package northstar.domain.analytics;

/** What {@link AnalyticsStore#ingest} did with one record. */
public sealed interface IngestResult {
    AnalyticsRecord record();

    /** The record was absent and is now stored, durably. */
    record Stored(AnalyticsRecord record) implements IngestResult {
    }

    /** A record with the same tenant and analytics_id was already stored; it is returned unchanged. */
    record Existing(AnalyticsRecord record) implements IngestResult {
    }
}
