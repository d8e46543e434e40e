package northstar.adapters.persistence.sqlite;

import static northstar.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import northstar.domain.Cursors;
import northstar.domain.PageRequest;
import northstar.domain.ProjectScope;
import northstar.domain.analytics.AnalyticsQuery;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.testkit.AnalyticsStoreContract;
import northstar.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteAnalyticsStoreTest extends AnalyticsStoreContract {
    @TempDir
    Path dir;

    static Route route(Path file) {
        return new Route(ResourceKind.ANALYTICS_STORE, "sqlite", Map.of("path", file.toString()));
    }

    @Override
    protected AnalyticsStore newStore() {
        return new SqliteBackends().analytics(route(dir.resolve("analytics.db")));
    }

    @Test
    void acknowledgedEventsSurviveClosingAndReopeningTheDatabase() {
        AnalyticsRecord r = Fixtures.record("durable", "evt-1", T0);
        store.ingest(List.of(r));
        store.close();

        store = newStore();

        assertThat(store.get("durable", "evt-1")).contains(r);
    }

    /**
     * Every query the store issues is served by an index, and a range query's page seeks to its cursor:
     * given the range's start as well, SQLite would seek to the start and filter its way to the cursor.
     */
    @Test
    void everyQueryIsServedByAnIndexAndAPageSeeksToItsCursor() {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("plan.db"));
        try (var s = new SqliteAnalyticsStore(db, db::close)) {
            for (int filters = 0; filters < 8; filters++) {
                for (boolean fromCursor : new boolean[] {true, false}) {
                    String sql = SqliteAnalyticsStore.rangeSql((filters & 1) != 0, (filters & 2) != 0, (filters & 4) != 0, fromCursor);
                    assertThat(plan(db, sql)).as(sql).contains("USING INDEX")
                            .contains(fromCursor ? "(ts,analytics_id)>(?,?) AND ts<?)" : "ts>? AND ts<?)")
                            .doesNotContain("SCAN analytics_events").doesNotContain("USE TEMP B-TREE");
                }
            }
            String byRun = "SELECT record FROM analytics_events WHERE tenant_id = 't' AND run_id = 'r'"
                    + " AND ('p' IS NULL OR project_id = 'p')"
                    + " AND (step_key, ts, analytics_id) > ('', 0, '') ORDER BY step_key, ts, analytics_id";
            assertThat(plan(db, byRun)).contains("USING INDEX analytics_by_run (tenant_id=? AND run_id=? AND (step_key,ts,analytics_id)>(?,?,?))")
                    .doesNotContain("USE TEMP B-TREE");
        }
    }

    /** A cursor before the range's start (another listing's) pages from the start; one past its end gives nothing. */
    @Test
    void aPageHoldsOnlyItsRangeAfterItsCursorWhereverTheCursorLies() {
        List<AnalyticsRecord> events = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(Fixtures.record("paged", "evt-" + i, T0.plusSeconds(i)));
        }
        store.ingest(events);
        AnalyticsQuery range = new AnalyticsQuery(T0.plusSeconds(2), T0.plusSeconds(5), java.util.Optional.empty(),
                java.util.Optional.empty(), PageRequest.first(10));

        assertThat(ids(range, cursorAt(T0, "evt-0"))).containsExactly("evt-2", "evt-3", "evt-4");
        assertThat(ids(range, cursorAt(T0.plusSeconds(2), "evt-2"))).containsExactly("evt-3", "evt-4");
        assertThat(ids(range, cursorAt(T0.plusSeconds(2), ""))).containsExactly("evt-2", "evt-3", "evt-4");
        assertThat(ids(range, cursorAt(T0.plusSeconds(5), "evt-5"))).isEmpty();
    }

    private List<String> ids(AnalyticsQuery range, String cursor) {
        AnalyticsQuery q = new AnalyticsQuery(range.start(), range.end(), range.app(), range.platform(), new PageRequest(10, cursor));
        return store.query("paged", ProjectScope.ALL, q).items().stream().map(AnalyticsRecord::analyticsId).toList();
    }

    private static String cursorAt(java.time.Instant at, String id) {
        return Cursors.encode(SqliteAnalyticsStore.RANGE, Long.toString(AnalyticsRecord.epochMicros(at)), id);
    }

    /** SQLite's plan of a statement, its placeholders unbound. */
    static String plan(SqliteDatabase db, String sql) {
        return db.read("plan", c -> {
            StringBuilder out = new StringBuilder();
            try (var st = c.raw().prepareStatement("EXPLAIN QUERY PLAN " + sql); var rs = st.executeQuery()) {
                while (rs.next()) {
                    out.append(rs.getString("detail")).append('\n');
                }
            }
            return out.toString();
        });
    }

    /** A database written before projects were part of the scope gains the column, filled from each record. */
    @Test
    void aDatabaseFromBeforeProjectsIsMigratedAndScopedByProject() throws Exception {
        java.nio.file.Path file = dir.resolve("old.db");
        AnalyticsRecord ofP1 = Fixtures.record("old", "e1", T0);
        AnalyticsRecord ofP2 = new AnalyticsRecord("e2", "old", ofP1.mode(), "project-2", ofP1.dimensions(), ofP1.utm(),
                ofP1.payload(), null, ofP1.status(), null, T0.plusSeconds(1), T0.plusSeconds(1));
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement()) {
            st.execute("""
                    CREATE TABLE analytics_events (tenant_id TEXT NOT NULL, analytics_id TEXT NOT NULL, ts INTEGER NOT NULL,
                      app TEXT NOT NULL, platform TEXT NOT NULL, run_id TEXT, step_key TEXT, record TEXT NOT NULL,
                      PRIMARY KEY (tenant_id, analytics_id)) WITHOUT ROWID""");
            st.execute("CREATE INDEX analytics_by_app ON analytics_events (tenant_id, app, ts, analytics_id)");
            for (AnalyticsRecord r : List.of(ofP1, ofP2)) {
                try (var ins = c.prepareStatement("INSERT INTO analytics_events VALUES (?, ?, ?, ?, ?, NULL, NULL, ?)")) {
                    ins.setString(1, r.tenantId());
                    ins.setString(2, r.analyticsId());
                    ins.setLong(3, AnalyticsRecord.epochMicros(r.timestamp()));
                    ins.setString(4, r.dimensions().app());
                    ins.setString(5, r.dimensions().platform().wireName());
                    ins.setString(6, northstar.adapters.persistence.document.JsonDocuments.write(
                            northstar.adapters.persistence.document.AnalyticsDocuments.toDocument(r)));
                    ins.executeUpdate();
                }
            }
        }
        store.close();
        store = new SqliteBackends().analytics(route(file));

        var range = new northstar.domain.analytics.AnalyticsQuery(T0, T0.plusSeconds(10), java.util.Optional.empty(),
                java.util.Optional.empty(), northstar.domain.PageRequest.first(10));
        assertThat(store.query("old", northstar.domain.ProjectScope.of("project-1"), range).items()).containsExactly(ofP1);
        assertThat(store.query("old", northstar.domain.ProjectScope.of("project-2"), range).items()).containsExactly(ofP2);
        assertThat(store.query("old", northstar.domain.ProjectScope.ALL, range).items()).containsExactly(ofP1, ofP2);
    }
}
