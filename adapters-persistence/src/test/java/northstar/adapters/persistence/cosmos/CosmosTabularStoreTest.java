package northstar.adapters.persistence.cosmos;

import northstar.domain.routing.ResourceKind;
import northstar.domain.tabular.TabularStore;
import northstar.testkit.LocalServer;
import northstar.testkit.TabularStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The TabularStore contract on Cosmos DB, against the local Cosmos server started by the test. */
class CosmosTabularStoreTest extends TabularStoreContract {
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
        return new CosmosTabularStore(CosmosServer.creating(cosmos, ResourceKind.TABULAR_STORE, java.util.Map.of()));
    }
}
