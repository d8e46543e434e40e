package northstar.application.insight;

import java.util.Map;
import java.util.UUID;
import northstar.adapters.persistence.cosmos.CosmosAnalyticsStore;
import northstar.adapters.persistence.cosmos.CosmosTabularStore;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.tabular.TabularStore;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The rollup kit on Cosmos DB, against the local Cosmos server; containers of its own. */
class CosmosRollupTest extends RollupContract {
    static LocalServer cosmos;

    @BeforeAll
    static void startCosmos() {
        cosmos = LocalServer.cosmos();
    }

    @AfterAll
    static void stopCosmos() {
        cosmos.close();
    }

    private static Route route(ResourceKind kind) {
        return new Route(kind, "cosmos", Map.of("endpoint", cosmos.cosmosEndpoint(), "key",
                LocalServer.COSMOS_EMULATOR_KEY, "database", "northstar", "container",
                kind.wireName().replace("_", "-") + "-" + UUID.randomUUID().toString().replace("-", ""),
                "create_container", "true"));
    }

    @Override
    protected AnalyticsStore newAnalyticsStore(java.nio.file.Path dir) {
        return new CosmosAnalyticsStore(route(ResourceKind.ANALYTICS_STORE));
    }

    @Override
    protected TabularStore newTabularStore(java.nio.file.Path dir) {
        return new CosmosTabularStore(route(ResourceKind.TABULAR_STORE));
    }

    @Override
    protected String backendType() {
        return "cosmos";
    }
}
