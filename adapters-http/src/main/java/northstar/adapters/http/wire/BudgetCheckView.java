package northstar.adapters.http.wire;

import northstar.application.budget.BudgetCheck;

/** The answer to GET .../check: what amount more would do, nothing changed. */
public record BudgetCheckView(String provider, String metric, double usage, double amount, Double softLimit,
                              Double hardLimit, Double remaining, boolean softLimitReached, boolean hardLimitExceeded,
                              boolean allowed, String resetAt) {
    public static BudgetCheckView of(BudgetCheck c) {
        return new BudgetCheckView(c.provider(), c.metric(), c.usage(), c.amount(), c.softLimit(), c.hardLimit(),
                c.remaining(), c.softLimitReached(), c.hardLimitExceeded(), c.allowed(),
                c.resetAt() == null ? null : c.resetAt().toString());
    }
}
