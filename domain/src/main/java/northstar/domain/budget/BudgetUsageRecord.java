package northstar.domain.budget;

import java.time.Instant;
import java.util.Objects;
import northstar.domain.Identifiers;
import northstar.domain.StoreException;

/**
 * Usage of one provider metric (openai tokens, anthropic calls) by one tenant's project in its
 * current window, with an optional soft limit (warn) and hard limit (block); a null limit is no
 * limit. A budget counts over its lifetime ({@link BudgetPeriod#LIFETIME}) or per day, week or
 * month of a time zone, starting at zero with each window by itself.
 *
 * @param usage         what was used in the current window (over the lifetime for period none)
 * @param period        how usage is counted over time
 * @param window        the current window: for period none, from the budget's creation, with no end
 * @param lifetimeUsage what was used since the budget was created, never reset
 * @param held          what live reservations hold against the hard limit in the current window
 */
public record BudgetUsageRecord(String tenantId, String projectId, String provider, String metric, double usage,
                                Double softLimit, Double hardLimit, Instant createdAt, Instant updatedAt,
                                BudgetPeriod period, BudgetPeriod.Window window, double lifetimeUsage, double held) {
    /** A lifetime budget with no reservations: usage is its lifetime usage. */
    public BudgetUsageRecord(String tenantId, String projectId, String provider, String metric, double usage,
                             Double softLimit, Double hardLimit, Instant createdAt, Instant updatedAt) {
        this(tenantId, projectId, provider, metric, usage, softLimit, hardLimit, createdAt, updatedAt,
                BudgetPeriod.LIFETIME, new BudgetPeriod.Window(createdAt, null), usage, 0);
    }

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
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(window, "window");
        if (!Double.isFinite(lifetimeUsage) || !Double.isFinite(held) || held < 0) {
            throw StoreException.invalid("lifetime_usage", "lifetime usage and held must be finite, held not negative");
        }
    }

    /** When the current window began: the budget's creation for period none. */
    public Instant periodStart() {
        return window.start();
    }

    /** When the next window begins and usage starts again at zero; null for period none. */
    public Instant resetAt() {
        return window.end();
    }

    /** What may still be used or reserved under the hard limit in this window; null without one. */
    public Double remaining() {
        return hardLimit == null ? null : Math.max(0, hardLimit - usage - held);
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

    /** Usage went past the hard limit (a reservation's actual above its estimate): nothing more is taken this window. */
    public boolean overrun() {
        return hardLimit != null && usage > hardLimit;
    }
}
