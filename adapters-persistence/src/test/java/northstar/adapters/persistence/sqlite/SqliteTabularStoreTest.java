package northstar.adapters.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import northstar.domain.Cursors;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.tabular.TableRef;
import northstar.domain.tabular.TabularItem;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TabularStore;
import northstar.domain.tabular.WriteCondition;
import northstar.testkit.TabularStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteTabularStoreTest extends TabularStoreContract {
    @TempDir
    Path dir;

    @Override
    protected TabularStore newStore() {
        return new SqliteBackends().tabular(
                new Route(ResourceKind.TABULAR_STORE, "sqlite", Map.of("path", dir.resolve("tabular.db").toString())));
    }

    @Test
    void analyticsAndTabularRoutesOnOneFileShareOneDatabaseUntilTheLastCloses() {
        SqliteBackends backends = new SqliteBackends();
        Path file = dir.resolve("shared.db");
        var analytics = backends.analytics(SqliteAnalyticsStoreTest.route(file));
        var tabular = backends.tabular(new Route(ResourceKind.TABULAR_STORE, "sqlite", Map.of("path", file.toString())));
        TabularKey key = new TabularKey("t", "things", "k");
        tabular.put(key, Map.of("v", 1L), WriteCondition.NONE);

        analytics.close();
        tabular.probe();
        assertThat(tabular.get(key)).isPresent();
        tabular.close();

        var reopened = backends.tabular(new Route(ResourceKind.TABULAR_STORE, "sqlite", Map.of("path", file.toString())));
        assertThat(reopened.get(key)).isPresent();
        reopened.close();
    }

    /**
     * A listing seeks to one lower bound, the cursor's key when it lies at or past the prefix (else
     * the prefix): whichever bound it takes, a page holds only the prefix's items after the cursor,
     * in SQLite's order of keys (their UTF-8 bytes), here with cursors of another listing.
     */
    @Test
    void aPageStartsAfterItsCursorAndStaysInItsPrefixWhereverTheCursorLies() {
        TabularStore store = newStore();
        TableRef table = new TableRef("t", "things");
        for (String k : List.of("0", "a:1", "a:2", "a:3", "a:4", "b:1", "c\uFFFD1", "c\uFFFD2", "c\uD83D\uDE00")) {
            store.put(new TabularKey("t", "things", k), Map.of("k", k), WriteCondition.NONE);
        }

        assertThat(keys(store.list(table, "a:", new PageRequest(10, cursorAt("a:2"))))).containsExactly("a:3", "a:4");
        assertThat(keys(store.list(table, "a:", new PageRequest(10, cursorAt("0"))))).containsExactly("a:1", "a:2", "a:3", "a:4");
        assertThat(keys(store.list(table, "a:", new PageRequest(10, cursorAt("a"))))).containsExactly("a:1", "a:2", "a:3", "a:4");
        assertThat(keys(store.list(table, "a:", new PageRequest(10, cursorAt("b:0"))))).isEmpty();
        // U+1F600 sorts after U+FFFD in UTF-8 (and in SQLite), before it in UTF-16 (and String.compareTo)
        assertThat(keys(store.list(table, "c\uFFFD", new PageRequest(10, cursorAt("c\uD83D\uDE00"))))).isEmpty();
        assertThat(keys(store.list(table, "c", new PageRequest(10, cursorAt("c\uFFFD1")))))
                .containsExactly("c\uFFFD2", "c\uD83D\uDE00");
        assertThat(SqliteTabularStore.utf8Order("c\uD83D\uDE00", "c\uFFFD")).isPositive();

        List<String> paged = new ArrayList<>();
        PageRequest page = PageRequest.first(1);
        while (true) {
            Page<TabularItem> p = store.list(table, "", page);
            paged.addAll(keys(p));
            if (p.nextCursor().isEmpty()) {
                break;
            }
            page = page.next(p.nextCursor().get());
        }
        assertThat(paged).containsExactly("0", "a:1", "a:2", "a:3", "a:4", "b:1", "c\uFFFD1", "c\uFFFD2", "c\uD83D\uDE00");
        store.close();
    }

    /** The listing's seek starts at its one lower bound; no page sorts or scans the table. */
    @Test
    void everyListingIsServedByThePrimaryKey() {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("plan.db"));
        try (var s = new SqliteTabularStore(db, db::close)) {
            for (boolean bounded : new boolean[] {true, false}) {
                for (boolean fromCursor : new boolean[] {true, false}) {
                    String sql = SqliteTabularStore.listSql(bounded, fromCursor);
                    assertThat(sql.split(" item_key >", -1)).as(sql).hasSize(2);
                    assertThat(SqliteAnalyticsStoreTest.plan(db, sql)).as(sql)
                            .contains("USING PRIMARY KEY (tenant_id=? AND tbl=? AND item_key>?")
                            .doesNotContain("SCAN").doesNotContain("USE TEMP B-TREE");
                }
            }
        }
    }

    private static String cursorAt(String key) {
        return Cursors.encode(SqliteTabularStore.LIST, key);
    }

    private static List<String> keys(Page<TabularItem> page) {
        return page.items().stream().map(i -> i.key().key()).toList();
    }
}
