package northstar.domain.tabular;

import northstar.domain.Identifiers;

/**
 * One tenant's table (attribution_contracts, budgets, media_outputs): checked here, once, so the
 * stores take it as it is.
 */
public record TableRef(String tenantId, String table) {
    public TableRef {
        Identifiers.slug("tenant_id", tenantId);
        Identifiers.name("table", table);
    }
}
