package northstar.adapters.persistence.cosmos;

import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.routing.ResourceKind;
import northstar.testkit.AnalyticsStoreContract;
import northstar.testkit.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The AnalyticsStore contract on Cosmos DB, against the local Cosmos server started by the test. */
class CosmosAnalyticsStoreTest extends AnalyticsStoreContract {
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
    protected AnalyticsStore newStore() {
        return new CosmosAnalyticsStore(CosmosServer.creating(cosmos, ResourceKind.ANALYTICS_STORE, java.util.Map.of()));
    }
}
