package northstar.adapters.persistence.sqlite;

import static northstar.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    @Test
    void everyQueryIsServedByAnIndex() {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("plan.db"));
        try (var s = new SqliteAnalyticsStore(db, db::close)) {
            List<String> plans = List.of(
                    "SELECT record FROM analytics_events WHERE tenant_id = 't' AND ts >= 1 AND ts < 2"
                            + " AND (ts, analytics_id) > (0, '') ORDER BY ts, analytics_id",
                    "SELECT record FROM analytics_events WHERE tenant_id = 't' AND ts >= 1 AND ts < 2 AND app = 'a'"
                            + " AND (ts, analytics_id) > (0, '') ORDER BY ts, analytics_id",
                    "SELECT record FROM analytics_events WHERE tenant_id = 't' AND run_id = 'r'"
                            + " AND (step_key, ts, analytics_id) > ('', 0, '') ORDER BY step_key, ts, analytics_id");
            for (String sql : plans) {
                String plan = db.read("plan", c -> {
                    StringBuilder out = new StringBuilder();
                    try (var st = c.raw().createStatement(); var rs = st.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
                        while (rs.next()) {
                            out.append(rs.getString("detail")).append('\n');
                        }
                    }
                    return out.toString();
                });
                assertThat(plan).as(sql).contains("USING INDEX").doesNotContain("SCAN analytics_events")
                        .doesNotContain("USE TEMP B-TREE");
            }
        }
    }
}
