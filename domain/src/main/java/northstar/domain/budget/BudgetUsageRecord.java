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

    /** Usage has reached the soft limit: time to warn. */
    public boolean softExceeded() {
        return softLimit != null && usage >= softLimit;
    }

    /** Usage has reached the hard limit: any further positive usage is refused. */
    public boolean hardExceeded() {
        return hardLimit != null && usage >= hardLimit;
    }
}
