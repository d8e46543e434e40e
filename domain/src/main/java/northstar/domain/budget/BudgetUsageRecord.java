package northstar.domain.budget;

import java.time.Instant;
import java.util.Objects;
import northstar.domain.Identifiers;
import northstar.domain.StoreException;

/**
 * Cumulative usage of one provider metric (openai tokens, anthropic calls) by one tenant's
 * project, with an optional soft limit (warn) and hard limit (block). A null limit is no limit.
 */
public record BudgetUsageRecord(String tenantId, String projectId, String provider, String metric, double usage,
                                Double softLimit, Double hardLimit, Instant createdAt, Instant updatedAt) {
    public BudgetUsageRecord {
        Identifiers.slug("tenant_id", tenantId);
        Identifiers.id("project_id", projectId);
        Identifiers.name("provider", provider);
        Identifiers.name("metric", metric);
        if (!Double.isFinite(usage)) {
            throw StoreException.invalid("usage", "must be finite");
        }
        checkLimits(softLimit, hardLimit);
        Objects.requireNonNull(createdAt, "created_at");
        Objects.requireNonNull(updatedAt, "updated_at");
    }

    /** Limits are finite, not negative, and the soft limit is not above the hard limit. */
    public static void checkLimits(Double softLimit, Double hardLimit) {
        checkLimit("soft_limit", softLimit);
        checkLimit("hard_limit", hardLimit);
        if (softLimit != null && hardLimit != null && softLimit > hardLimit) {
            throw StoreException.invalid("soft_limit", "must not be above hard_limit");
        }
    }

    private static void checkLimit(String field, Double limit) {
        if (limit != null && (!Double.isFinite(limit) || limit < 0)) {
            throw StoreException.invalid(field, "must be a finite number, not negative");
        }
    }

    /**
     * The record's stable id (the design's record_id): the same for this tenant, project, provider and
     * metric on every read, backend and instance, and different for any other budget. Derived, not
     * stored: "bu_" and 32 hex digits of the SHA-256 of the four names.
     */
    public String recordId() {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest(String.join("\u0000", tenantId, projectId, provider, metric)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "bu_" + java.util.HexFormat.of().formatHex(d, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Usage has reached the soft limit: time to warn. */
    public boolean softExceeded() {
        return softLimit != null && usage >= softLimit;
    }

    /** Usage has reached the hard limit: any further positive usage is refused. */
    public boolean hardExceeded() {
        return hardLimit != null && usage >= hardLimit;
    }
}
