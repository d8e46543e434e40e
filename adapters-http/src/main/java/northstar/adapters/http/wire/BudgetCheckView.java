package northstar.adapters.http.wire;

import northstar.application.budget.BudgetCheck;

/** The answer to GET .../check: what amount more would do in the current window, nothing changed. */
public record BudgetCheckView(String provider, String metric, double usage, double held, double amount,
                              Double softLimit, Double hardLimit, Double remaining, boolean softLimitReached,
                              boolean hardLimitExceeded, boolean allowed, String period, String periodStart,
                              String resetAt) {
    public static BudgetCheckView of(BudgetCheck c) {
        return new BudgetCheckView(c.provider(), c.metric(), c.usage(), c.held(), c.amount(), c.softLimit(),
                c.hardLimit(), c.remaining(), c.softLimitReached(), c.hardLimitExceeded(), c.allowed(),
                c.period().kind().wireName(), c.periodStart() == null ? null : c.period().format(c.periodStart()),
                c.resetAt() == null ? null : c.period().format(c.resetAt()));
    }
}
