package northstar.application.insight;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import northstar.adapters.persistence.sqlite.SqliteBackends;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.tabular.TabularStore;
import org.junit.jupiter.api.AfterEach;

/** The rollup kit on the embedded SQLite backend: events and counters in one database file of the test's own. */
class SqliteRollupTest extends RollupContract {
    private final SqliteBackends sqlite = new SqliteBackends();
    private Path db;

    private Route route(ResourceKind kind) {
        try {
            if (db == null) {
                db = Files.createTempFile("northstar-rollups-", ".db");
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return new Route(kind, SqliteBackends.TYPE, Map.of("path", db.toString()));
    }

    @Override
    protected AnalyticsStore newAnalyticsStore() {
        return sqlite.analytics(route(ResourceKind.ANALYTICS_STORE));
    }

    @Override
    protected TabularStore newTabularStore() {
        return sqlite.tabular(route(ResourceKind.TABULAR_STORE));
    }

    @Override
    protected String backendType() {
        return SqliteBackends.TYPE;
    }

    @AfterEach
    public void deleteDatabase() throws java.io.IOException {
        try (var files = Files.list(db.getParent())) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith(db.getFileName().toString())).toList()) {
                Files.deleteIfExists(p);
            }
        }
        db = null;
    }
}
