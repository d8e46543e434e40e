package northstar.application.budget;

import java.util.Map;
import java.util.UUID;
import northstar.adapters.persistence.cosmos.CosmosTabularStore;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.tabular.TabularStore;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The budget kit on Cosmos DB, against the local Cosmos server; each test a container of its own. */
class CosmosBudgetTest extends BudgetContract {
    static LocalServer cosmos;

    @BeforeAll
    static void startCosmos() {
        cosmos = LocalServer.cosmos();
    }

    @AfterAll
    static void stopCosmos() {
        cosmos.close();
    }

    @Override
    protected TabularStore newStore() {
        return new CosmosTabularStore(new Route(ResourceKind.TABULAR_STORE, "cosmos", Map.of("endpoint",
                cosmos.cosmosEndpoint(), "key", LocalServer.COSMOS_EMULATOR_KEY, "database", "northstar", "container",
                "budgets-" + UUID.randomUUID().toString().replace("-", ""), "create_container", "true")));
    }

    @Override
    protected String backendType() {
        return "cosmos";
    }
}
