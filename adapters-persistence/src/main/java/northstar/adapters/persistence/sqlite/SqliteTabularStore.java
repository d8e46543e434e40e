package northstar.adapters.persistence.sqlite;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import northstar.domain.Cursors;
import northstar.adapters.persistence.document.Increments;
import northstar.adapters.persistence.document.JsonDocuments;
import northstar.adapters.persistence.document.KeyRanges;
import northstar.domain.DocumentValues;
import northstar.domain.ErrorCode;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.StoreException;
import northstar.domain.tabular.TabularItem;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TableRef;
import northstar.domain.tabular.TabularStore;
import northstar.domain.tabular.WriteCondition;

/**
 * The embedded TabularStore: one row per item keyed by (tenant, table, key), attributes as JSON.
 * Conditional writes and increments read and write inside one write transaction, which the
 * database serialises, so each is atomic.
 */
public final class SqliteTabularStore implements TabularStore {
    static final String LIST = "t1";

    private final SqliteDatabase db;
    private final Runnable onClose;

    public SqliteTabularStore(SqliteDatabase db, Runnable onClose) {
        this.db = db;
        this.onClose = onClose;
        db.migrate("""
                CREATE TABLE IF NOT EXISTS tabular_items (
                  tenant_id TEXT NOT NULL,
                  tbl TEXT NOT NULL,
                  item_key TEXT NOT NULL,
                  attributes TEXT NOT NULL,
                  version INTEGER NOT NULL,
                  PRIMARY KEY (tenant_id, tbl, item_key)
                ) WITHOUT ROWID""");
    }

    @Override
    public String backendType() {
        return "sqlite";
    }

    /** Local disk, like the filesystem object store: lab tenants only, never saas or enterprise ones. */
    @Override
    public boolean labOnly() {
        return true;
    }

    /** Its only waits are the group commit's and a free reader's, both bounded by the caller's deadline. */
    @Override
    public boolean waitsWithinCallerDeadline() {
        return true;
    }

    @Override
    public Optional<TabularItem> get(TabularKey key) {
        return db.read("get item", c -> find(c, key));
    }

    private static Optional<TabularItem> find(SqlConnection c, TabularKey key) throws SQLException {
        PreparedStatement q = c.prepare(
                "SELECT attributes, version FROM tabular_items WHERE tenant_id = ? AND tbl = ? AND item_key = ?");
        q.setString(1, key.tenantId());
        q.setString(2, key.table());
        q.setString(3, key.key());
        try (ResultSet rs = q.executeQuery()) {
            return rs.next() ? Optional.of(new TabularItem(key, JsonDocuments.read(rs.getString(1)), rs.getLong(2)))
                    : Optional.empty();
        }
    }

    @Override
    public TabularItem put(TabularKey key, Map<String, Object> attributes, WriteCondition condition) {
        Map<String, Object> attrs = DocumentValues.copyMap("attributes", attributes);
        return db.write("put item", c -> {
            Optional<TabularItem> current = find(c, key);
            check(key, current, condition);
            long version = current.map(i -> i.version() + 1).orElse(1L);
            save(c, key, attrs, version);
            return new TabularItem(key, attrs, version);
        });
    }

    @Override
    public boolean delete(TabularKey key, WriteCondition condition) {
        if (condition instanceof WriteCondition.IfAbsent) {
            throw StoreException.invalid("condition", "a delete cannot require the item to be absent");
        }
        return db.write("delete item", c -> {
            Optional<TabularItem> current = find(c, key);
            check(key, current, condition);
            if (current.isEmpty()) {
                return false;
            }
            PreparedStatement d = c.prepare(
                    "DELETE FROM tabular_items WHERE tenant_id = ? AND tbl = ? AND item_key = ?");
            d.setString(1, key.tenantId());
            d.setString(2, key.table());
            d.setString(3, key.key());
            d.executeUpdate();

            return true;
        });
    }

    /** The listing's statement: from the cursor (exclusive) when it lies at or past the prefix, else from the prefix. */
    static String listSql(boolean bounded, boolean fromCursor) {
        return "SELECT item_key, attributes, version FROM tabular_items WHERE tenant_id = ? AND tbl = ?"
                + (fromCursor ? " AND item_key > ?" : " AND item_key >= ?") + (bounded ? " AND item_key < ?" : "")
                + " ORDER BY item_key LIMIT ?";
    }

    /** SQLite's order of TEXT (BINARY collation: the UTF-8 bytes), which String.compareTo is not beyond the BMP. */
    static int utf8Order(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Page<TabularItem> list(TableRef ref, String keyPrefix, PageRequest page) {
        String tenantId = ref.tenantId();
        String table = ref.table();
        String prefix = keyPrefix == null ? "" : keyPrefix;
        String after = page.cursor() == null ? null : Cursors.decode(LIST, page.cursor(), 1).getFirst();
        Optional<String> end = KeyRanges.prefixEnd(prefix);
        // one lower bound, where the primary key's seek starts: given both, SQLite seeks to the prefix
        // and filters its way to the cursor, a page costing every item before it
        boolean fromCursor = after != null && utf8Order(after, prefix) >= 0;
        String sql = listSql(end.isPresent(), fromCursor);
        return db.read("list items", c -> {
            PreparedStatement q = c.prepare(sql);
            int i = 1;
            q.setString(i++, tenantId);
            q.setString(i++, table);
            q.setString(i++, fromCursor ? after : prefix);
            if (end.isPresent()) {
                q.setString(i++, end.get());
            }
            q.setInt(i, page.limit() + 1);
            List<TabularItem> items = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    if (items.size() == page.limit()) {
                        return new Page<>(items, Optional.of(Cursors.encode(LIST, items.getLast().key().key())));
                    }
                    items.add(new TabularItem(new TabularKey(tenantId, table, rs.getString(1)),
                            JsonDocuments.read(rs.getString(2)), rs.getLong(3)));
                }
            }
            return Page.last(items);
        });
    }

    @Override
    public TabularItem increment(TabularKey key, String field, double amount, String ceilingField,
                                 Map<String, Object> alsoSet, String unlessPresent, java.util.Set<String> alsoRemove) {
        Map<String, Object> extra = Increments.extra(amount, alsoSet);
        java.util.Set<String> remove = Increments.removals(field, unlessPresent, alsoRemove, extra);
        return db.write("increment", c -> {
            TabularItem current = find(c, key).orElseThrow(() -> StoreException.notFound("item " + key.key()));
            double next = Increments.check(current, field, amount, ceilingField, unlessPresent, "sqlite").doubleValue()
                    + amount;
            Map<String, Object> attrs = new LinkedHashMap<>(current.attributes());
            attrs.put(field, next);
            attrs.putAll(extra);
            attrs.keySet().removeAll(remove);
            long version = current.version() + 1;
            save(c, key, attrs, version);
            return new TabularItem(key, attrs, version);
        });
    }

    private static void check(TabularKey key, Optional<TabularItem> current, WriteCondition condition) {
        switch (condition) {
            case WriteCondition.None n -> {
            }
            case WriteCondition.IfAbsent a -> {
                if (current.isPresent()) {
                    throw new StoreException(ErrorCode.ALREADY_EXISTS, "item " + key.key() + " already exists");
                }
            }
            case WriteCondition.IfVersion v -> {
                if (current.isEmpty() || current.get().version() != v.version()) {
                    throw new StoreException(ErrorCode.FAILED_PRECONDITION, "item " + key.key() + " is not at version "
                            + v.version());
                }
            }
        }
    }

    private static void save(SqlConnection c, TabularKey key, Map<String, Object> attrs, long version) throws SQLException {
        PreparedStatement u = c.prepare("""
                INSERT INTO tabular_items (tenant_id, tbl, item_key, attributes, version) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, tbl, item_key) DO UPDATE SET attributes = excluded.attributes,
                  version = excluded.version""");
        u.setString(1, key.tenantId());
        u.setString(2, key.table());
        u.setString(3, key.key());
        u.setString(4, JsonDocuments.write(attrs));
        u.setLong(5, version);
        u.executeUpdate();
    }

    @Override
    public void probe() {
        db.probe();
    }

    @Override
    public void close() {
        onClose.run();
    }
}
