package northstar.adapters.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
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
}
