package northstar.application.budget;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import northstar.domain.budget.BudgetUsageRecord;
import northstar.domain.tabular.TabularItem;
import northstar.domain.tabular.TabularKey;

/** Budgets as tabular items: table budgets, key usage:{project}:{provider}:{metric}. */
final class BudgetMapping {
    static final String TABLE = "budgets";
    static final String USAGE = "usage";
    static final String HARD_LIMIT = "hard_limit";

    private BudgetMapping() {
    }

    static TabularKey key(String tenantId, String projectId, String provider, String metric) {
        return new TabularKey(tenantId, TABLE, providerPrefix(projectId, provider) + metric);
    }

    static String providerPrefix(String projectId, String provider) {
        return "usage:" + projectId + ":" + provider + ":";
    }

    static Map<String, Object> toAttributes(BudgetUsageRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenant_id", r.tenantId());
        m.put("project_id", r.projectId());
        m.put("provider", r.provider());
        m.put("metric", r.metric());
        m.put(USAGE, r.usage());
        // an absent limit attribute is no limit: the store's ceiling check skips it
        if (r.softLimit() != null) {
            m.put("soft_limit", r.softLimit());
        }
        if (r.hardLimit() != null) {
            m.put(HARD_LIMIT, r.hardLimit());
        }
        m.put("created_at", r.createdAt().toString());
        m.put("updated_at", r.updatedAt().toString());
        return m;
    }

    static BudgetUsageRecord fromItem(TabularItem item) {
        return new BudgetUsageRecord(item.string("tenant_id"), item.string("project_id"), item.string("provider"),
                item.string("metric"), item.number(USAGE), item.number("soft_limit"), item.number(HARD_LIMIT),
                Instant.parse(item.string("created_at")), Instant.parse(item.string("updated_at")));
    }
}
