package northstar.domain.tabular;

import northstar.domain.Identifiers;

/** Where an item lives: a tenant, a table (attribution_contracts, budgets, media_outputs) and a key. */
public record TabularKey(String tenantId, String table, String key) {
    public static final int MAX_KEY_LENGTH = 512;

    public TabularKey {
        new TableRef(tenantId, table);
        Identifiers.text("key", key, MAX_KEY_LENGTH);
        if (key.isEmpty() || key.indexOf('\n') >= 0 || key.indexOf('\t') >= 0) {
            throw northstar.domain.StoreException.invalid("key", "must be non-empty, on one line");
        }
    }
}
