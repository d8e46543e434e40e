package northstar.adapters.http.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import northstar.application.budget.UsageOutcome;
import northstar.domain.budget.BudgetPeriod;
import northstar.domain.budget.BudgetUsageRecord;

/**
 * A budget as the API answers it, in its current window: usage and held are the window's,
 * period_start and reset_at its bounds (times with the budget's zone offset; reset_at null for period
 * none), lifetime_usage is never reset. After an increment, also whether it crossed the soft limit
 * and whether it was a replay.
 */
public record BudgetView(String recordId, String tenantId, String projectId, String provider, String metric, double usage,
                         Double softLimit, Double hardLimit, boolean softExceeded, boolean hardExceeded,
                         String period, String timezone, @JsonInclude(JsonInclude.Include.NON_NULL) String weekStart,
                         String periodStart, String resetAt, double lifetimeUsage, double held, Double remaining,
                         String createdAt, String updatedAt,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Boolean softLimitCrossed,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Boolean replayed) {
    public static BudgetView of(BudgetUsageRecord r) {
        return of(r, null, null);
    }

    public static BudgetView of(UsageOutcome o) {
        return of(o.record(), o.softLimitCrossed(), o.replayed());
    }

    private static BudgetView of(BudgetUsageRecord r, Boolean crossed, Boolean replayed) {
        BudgetPeriod p = r.period();
        return new BudgetView(r.recordId(), r.tenantId(), r.projectId(), r.provider(), r.metric(), r.usage(),
                r.softLimit(), r.hardLimit(), r.softExceeded(), r.hardExceeded(), p.kind().wireName(),
                p.timezone().getId(), p.kind() == BudgetPeriod.Kind.WEEK ? p.weekStartName() : null,
                p.format(r.periodStart()), r.resetAt() == null ? null : p.format(r.resetAt()), r.lifetimeUsage(),
                r.held(), r.remaining(), r.createdAt().toString(), r.updatedAt().toString(), crossed, replayed);
    }
}
