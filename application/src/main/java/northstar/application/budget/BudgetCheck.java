package northstar.application.budget;

import java.time.Instant;
import northstar.domain.budget.BudgetPeriod;

/**
 * What {@code amount} more of a budget's metric would do in its current window, read without
 * changing anything: whether it would reach the soft limit, whether the hard limit would refuse it
 * (what live reservations hold counts against it too), and what remains under the hard limit (null:
 * no hard limit). A budget never set up reads as usage 0 with no limits and no window.
 *
 * @param periodStart when the current window began; null for a budget never set up
 * @param resetAt     when the next window begins and usage starts again at zero; null for period none
 */
public record BudgetCheck(String provider, String metric, double usage, double held, double amount,
                          Double softLimit, Double hardLimit, BudgetPeriod period, Instant periodStart,
                          Instant resetAt) {
    /** The soft limit would be reached (a warning would be recorded). */
    public boolean softLimitReached() {
        return softLimit != null && usage + amount >= softLimit;
    }

    /** The hard limit would refuse it: usage + held + amount would pass it. */
    public boolean hardLimitExceeded() {
        return hardLimit != null && usage + held + amount > hardLimit;
    }

    /** An increment of amount would be taken now (barring other increments meanwhile). */
    public boolean allowed() {
        return !hardLimitExceeded();
    }

    /** What may still be used or reserved under the hard limit; null without one. */
    public Double remaining() {
        return hardLimit == null ? null : Math.max(0, hardLimit - usage - held);
    }
}
