package northstar.adapters.persistence.cosmos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TabularStore;
import northstar.domain.tabular.WriteCondition;
import northstar.testkit.servers.LocalServer;
import northstar.testkit.TabularStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
        return new CosmosTabularStore(CosmosServer.creating(cosmos, ResourceKind.TABULAR_STORE, Map.of()));
    }

    private static Route tabular(Map<String, String> config) {
        return new Route(ResourceKind.TABULAR_STORE, "cosmos", config);
    }

    @Test
    void aRouteNeedsExactlyOneCredentialAndAnHttpsEndpointNamedInItsConfig() {
        Map<String, String> base = Map.of("database", "d", "container", "c");
        var none = new java.util.HashMap<>(base);
        none.put("endpoint", cosmos.cosmosEndpoint());
        var both = new java.util.HashMap<>(none);
        both.put("key", LocalServer.COSMOS_EMULATOR_KEY);
        both.put("connection_string", "AccountEndpoint=" + cosmos.cosmosEndpoint() + ";AccountKey=k;");
        var plainHttp = new java.util.HashMap<>(base);
        plainHttp.put("endpoint", "http://127.0.0.1:1/");
        plainHttp.put("key", LocalServer.COSMOS_EMULATOR_KEY);
        var noKeyInString = new java.util.HashMap<>(base);
        noKeyInString.put("connection_string", "AccountEndpoint=" + cosmos.cosmosEndpoint() + ";");

        assertThatThrownBy(() -> new CosmosTabularStore(tabular(none))).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("config.key").hasMessageContaining("config.connection_string");
        assertThatThrownBy(() -> new CosmosTabularStore(tabular(both))).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new CosmosTabularStore(tabular(plainHttp))).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("https://");
        assertThatThrownBy(() -> new CosmosTabularStore(tabular(noKeyInString)))
                .isInstanceOf(RouteConfigurationException.class).hasMessageContaining("AccountKey");
    }

    @Test
    void aConnectionStringServesLikeEndpointAndKey() {
        Route route = CosmosServer.creating(cosmos, ResourceKind.TABULAR_STORE, Map.of());
        var config = new java.util.HashMap<>(route.config());
        config.remove("endpoint");
        config.remove("key");
        config.put("connection_string", "AccountEndpoint=" + cosmos.cosmosEndpoint() + ";AccountKey="
                + LocalServer.COSMOS_EMULATOR_KEY + ";");
        try (var store = new CosmosTabularStore(tabular(config))) {
            TabularKey k = new TabularKey("t1", "things", "k/with?odd#chars\\");
            store.put(k, Map.of("n", 1L), WriteCondition.IF_ABSENT);

            assertThat(store.get(k).orElseThrow().attributes()).containsEntry("n", 1L);
        }
    }

    @Test
    void aServerThatGoesAwayIsUnavailableAndRetryableNotAnSdkException() throws InterruptedException {
        LocalServer doomed = LocalServer.cosmos();
        try (var store = new CosmosTabularStore(CosmosServer.creating(doomed, ResourceKind.TABULAR_STORE, Map.of()))) {
            TabularKey k = new TabularKey("t1", "things", "k");
            store.put(k, Map.of("n", 1L), WriteCondition.NONE);
            doomed.close();
            for (int i = 0; i < 50 && doomed.accepting(); i++) {
                Thread.sleep(100);
            }

            assertThatThrownBy(() -> store.get(k)).isInstanceOfSatisfying(StoreException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                assertThat(e.retryable()).isTrue();
            });
            assertThatThrownBy(store::probe).isInstanceOfSatisfying(StoreException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        }
    }
}
