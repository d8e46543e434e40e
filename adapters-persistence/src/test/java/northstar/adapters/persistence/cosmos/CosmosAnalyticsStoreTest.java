package northstar.adapters.persistence.cosmos;

import static northstar.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import northstar.domain.PageRequest;
import northstar.domain.StoreException;
import northstar.domain.analytics.AnalyticsQuery;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.testkit.AnalyticsStoreContract;
import northstar.testkit.Fixtures;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
        return new CosmosAnalyticsStore(CosmosServer.creating(cosmos, ResourceKind.ANALYTICS_STORE, Map.of()));
    }

    /**
     * TTL expiry itself is not emulated by the local server (docs/AZURE.md); what the adapter owns is
     * checked instead: the container is created with time to live on, and every event carries the
     * route's ttl, or none.
     */
    @Test
    void eventsCarryTheRoutesTimeToLiveAndTheContainerHasItOn() {
        Route withTtl = CosmosServer.creating(cosmos, ResourceKind.ANALYTICS_STORE, Map.of("ttl_days", "30"));
        Route without = CosmosServer.creating(cosmos, ResourceKind.ANALYTICS_STORE, Map.of());
        try (var expiring = new CosmosAnalyticsStore(withTtl); var keeping = new CosmosAnalyticsStore(without);
             var raw = CosmosServer.rawClient(cosmos)) {
            expiring.ingest(List.of(Fixtures.record("t1", "e1", T0)));
            keeping.ingest(List.of(Fixtures.record("t1", "e1", T0)));

            var db = raw.getDatabase(CosmosServer.DATABASE);
            ObjectNode expiringItem = db.getContainer(withTtl.require("container"))
                    .readItem("e1", new PartitionKey("t1"), ObjectNode.class).getItem();
            ObjectNode keptItem = db.getContainer(without.require("container"))
                    .readItem("e1", new PartitionKey("t1"), ObjectNode.class).getItem();
            assertThat(expiringItem.get("ttl").asLong()).isEqualTo(30L * 86_400);
            assertThat(keptItem.has("ttl")).isFalse();
            assertThat(db.getContainer(withTtl.require("container")).read().getProperties().getDefaultTimeToLiveInSeconds())
                    .isEqualTo(-1);
        }
    }

    /**
     * The local server, like Cosmos, refuses an ORDER BY that no composite index serves: the kit's
     * range and run queries pass because the container carries the indexes of
     * CosmosAnalyticsStore.schema() (listed in docs/AZURE.md). Without them the same query fails.
     */
    @Test
    void theQueriesNeedTheDeclaredCompositeIndexes() {
        Route route = CosmosServer.creating(cosmos, ResourceKind.ANALYTICS_STORE, Map.of());
        try (var raw = CosmosServer.rawClient(cosmos)) {
            raw.createDatabaseIfNotExists(CosmosServer.DATABASE);
            raw.getDatabase(CosmosServer.DATABASE).createContainer(route.require("container"), "/tenant_id");
        }
        var config = new java.util.HashMap<>(route.config());
        config.remove("create_container");
        try (var bare = new CosmosAnalyticsStore(new Route(ResourceKind.ANALYTICS_STORE, "cosmos", config))) {
            bare.ingest(List.of(Fixtures.record("t1", "e1", T0)));

            assertThatThrownBy(() -> bare.query("t1", northstar.domain.ProjectScope.of("project-1"), new AnalyticsQuery(T0, T0.plusSeconds(1), Optional.empty(),
                    Optional.empty(), PageRequest.first(10)))).isInstanceOf(StoreException.class);
        }
        try (var indexed = new CosmosAnalyticsStore(CosmosServer.creating(cosmos, ResourceKind.ANALYTICS_STORE, Map.of()))) {
            indexed.ingest(List.of(Fixtures.record("t1", "e1", T0)));

            assertThat(indexed.query("t1", northstar.domain.ProjectScope.of("project-1"), new AnalyticsQuery(T0, T0.plusSeconds(1), Optional.empty(), Optional.empty(),
                    PageRequest.first(10))).items()).hasSize(1);
        }
    }
}
