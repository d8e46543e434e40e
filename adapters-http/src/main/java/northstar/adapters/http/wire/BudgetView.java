package northstar.adapters.http.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import northstar.application.budget.UsageOutcome;
import northstar.domain.budget.BudgetUsageRecord;

/** A budget as the API answers it; after an increment, also whether it crossed the soft limit and whether it was a replay. */
public record BudgetView(String recordId, String tenantId, String projectId, String provider, String metric, double usage,
                         Double softLimit, Double hardLimit, boolean softExceeded, boolean hardExceeded,
                         String createdAt, String updatedAt,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Boolean softLimitCrossed,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Boolean replayed) {
    public static BudgetView of(BudgetUsageRecord r) {
        return new BudgetView(r.recordId(), r.tenantId(), r.projectId(), r.provider(), r.metric(), r.usage(),
                r.softLimit(), r.hardLimit(), r.softExceeded(), r.hardExceeded(), r.createdAt().toString(),
                r.updatedAt().toString(), null, null);
    }

    public static BudgetView of(UsageOutcome o) {
        BudgetView b = of(o.record());
        return new BudgetView(b.recordId, b.tenantId, b.projectId, b.provider, b.metric, b.usage, b.softLimit,
                b.hardLimit, b.softExceeded, b.hardExceeded, b.createdAt, b.updatedAt, o.softLimitCrossed(), o.replayed());
    }
}
