package northstar.domain.analytics;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import northstar.domain.DocumentValues;
import northstar.domain.Identifiers;
import northstar.domain.Mode;
import northstar.domain.StoreException;

/**
 * One agent analytics event, as stored. Timestamps are kept to the microsecond (the finest every
 * backend keeps) and must lie between 1970 and 9999, so they sort the same everywhere.
 *
 * @param usage the usage the event reported, or null
 * @param errorMessage why the event failed; present only when status is error or gatechainerror
 */
public record AnalyticsRecord(String analyticsId, String tenantId, Mode mode, String projectId,
                              Dimensions dimensions, Utm utm, Map<String, Object> payload, UsageReport usage,
                              EventStatus status, String errorMessage, Instant timestamp, Instant createdAt) {
    public static final int MAX_ERROR_MESSAGE = 2048;
    private static final Instant MIN_TIME = Instant.EPOCH;
    private static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999999Z");

    public AnalyticsRecord {
        Identifiers.id("analytics_id", analyticsId);
        Identifiers.slug("tenant_id", tenantId);
        Objects.requireNonNull(mode, "mode");
        Identifiers.id("project_id", projectId);
        Objects.requireNonNull(dimensions, "dimensions");
        utm = utm == null ? Utm.NONE : utm;
        payload = DocumentValues.copyMap("payload", payload);
        Objects.requireNonNull(status, "status");
        if (status == EventStatus.SUCCESS && errorMessage != null) {
            throw StoreException.invalid("error_message", "must be absent when status is success");
        }
        if (errorMessage != null) {
            Identifiers.text("error_message", errorMessage, MAX_ERROR_MESSAGE);
        }
        timestamp = micros("timestamp", timestamp);
        createdAt = micros("created_at", createdAt);
    }

    private static Instant micros(String field, Instant t) {
        if (t == null) {
            throw StoreException.invalid(field, "is required");
        }
        if (t.isBefore(MIN_TIME) || t.isAfter(MAX_TIME)) {
            throw StoreException.invalid(field, "must lie between 1970-01-01 and 9999-12-31");
        }
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    /** Microseconds since the epoch: the portable, sortable form of a timestamp. */
    public static long epochMicros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    public static Instant fromEpochMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    public String stepSortKey() {
        return StepOrder.sortKey(dimensions.stepId());
    }

    /** The same record with another outcome (used by the gate chain). */
    public AnalyticsRecord withOutcome(EventStatus newStatus, String newErrorMessage) {
        return new AnalyticsRecord(analyticsId, tenantId, mode, projectId, dimensions, utm, payload, usage,
                newStatus, newErrorMessage, timestamp, createdAt);
    }

    /**
     * Whether another record reports the same event: everything the client supplied is equal. The
     * outcome (status, error message) and created_at are the server's and are not compared, so a
     * retry of an event a gate refused still counts as the same event.
     */
    public boolean sameEventAs(AnalyticsRecord other) {
        return sameEventAs(other, true);
    }

    /**
     * As {@link #sameEventAs(AnalyticsRecord)}; without compareTimestamp the timestamps are not
     * compared, for an event whose client left the time to the server (each attempt gets its own).
     */
    public boolean sameEventAs(AnalyticsRecord other, boolean compareTimestamp) {
        return sameEventAs(other, compareTimestamp, true);
    }

    /**
     * As above; without compareRequestId the request_id is not compared either, for an event that
     * took its request's id (each attempt is another request).
     */
    public boolean sameEventAs(AnalyticsRecord other, boolean compareTimestamp, boolean compareRequestId) {
        Dimensions mine = compareRequestId ? dimensions : dimensions.withRequestId(null);
        Dimensions theirs = compareRequestId ? other.dimensions : other.dimensions.withRequestId(null);
        return analyticsId.equals(other.analyticsId) && tenantId.equals(other.tenantId) && mode == other.mode
                && projectId.equals(other.projectId) && mine.equals(theirs) && utm.equals(other.utm)
                && payload.equals(other.payload) && Objects.equals(usage, other.usage)
                && (!compareTimestamp || timestamp.equals(other.timestamp));
    }
}
