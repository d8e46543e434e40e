package northstar.application.insight;

import java.nio.file.Path;
import java.util.Map;
import northstar.adapters.persistence.sqlite.SqliteBackends;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.tabular.TabularStore;

/** The rollup kit on the embedded SQLite backend: events and counters in one database file. */
class SqliteRollupTest extends RollupContract {
    private final SqliteBackends sqlite = new SqliteBackends();

    private static Route route(ResourceKind kind, Path dir) {
        return new Route(kind, SqliteBackends.TYPE, Map.of("path", dir.resolve("rollups.db").toString()));
    }

    @Override
    protected AnalyticsStore newAnalyticsStore(Path dir) {
        return sqlite.analytics(route(ResourceKind.ANALYTICS_STORE, dir));
    }

    @Override
    protected TabularStore newTabularStore(Path dir) {
        return sqlite.tabular(route(ResourceKind.TABULAR_STORE, dir));
    }

    @Override
    protected String backendType() {
        return SqliteBackends.TYPE;
    }
}
