package northstar.adapters.http.wire;

import northstar.domain.budget.BudgetPeriod;

/**
 * PUT /v1/budgets/{provider}/{metric}: the soft (warn) and hard (block) limits, each optional, and
 * how usage is counted over time: period none (the default: over the budget's lifetime), day, week
 * or month of an IANA timezone (default UTC), weeks starting on week_start (default monday).
 */
public record LimitsBody(Double softLimit, Double hardLimit, String period, String timezone, String weekStart) {
    public BudgetPeriod budgetPeriod() {
        return BudgetPeriod.of(period, timezone, weekStart);
    }
}
