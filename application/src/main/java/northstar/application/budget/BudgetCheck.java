package northstar.application.budget;

/**
 * What {@code amount} more of a budget's metric would do, read without changing anything: whether
 * it would reach the soft limit, whether the hard limit would refuse it, and what remains under the
 * hard limit (null: no hard limit). A budget never set up reads as usage 0 with no limits.
 *
 * @param resetAt when the count starts again at zero: null, as a budget counts over its lifetime
 */
public record BudgetCheck(String provider, String metric, double usage, double amount, Double softLimit,
                          Double hardLimit, java.time.Instant resetAt) {
    /** The soft limit would be reached (a warning would be recorded). */
    public boolean softLimitReached() {
        return softLimit != null && usage + amount >= softLimit;
    }

    /** The hard limit would refuse it: usage + amount would pass it. */
    public boolean hardLimitExceeded() {
        return hardLimit != null && usage + amount > hardLimit;
    }

    /** An increment of amount would be taken now (barring other increments meanwhile). */
    public boolean allowed() {
        return !hardLimitExceeded();
    }

    /** What may still be used under the hard limit; null without one. */
    public Double remaining() {
        return hardLimit == null ? null : Math.max(0, hardLimit - usage);
    }
}
