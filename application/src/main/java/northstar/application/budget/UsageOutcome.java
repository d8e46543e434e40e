package northstar.application.budget;

import northstar.domain.budget.BudgetUsageRecord;

/**
 * A budget after an accepted usage increment.
 *
 * @param softLimitCrossed this increment took usage from below the soft limit to at or above it
 *                         (exactly one increment sees this, however many run at once)
 * @param replayed         the increment's token had been applied before: this call changed nothing
 */
public record UsageOutcome(BudgetUsageRecord record, boolean softLimitCrossed, boolean replayed) {
    public boolean softExceeded() {
        return record.softExceeded();
    }

    public boolean hardExceeded() {
        return record.hardExceeded();
    }
}
