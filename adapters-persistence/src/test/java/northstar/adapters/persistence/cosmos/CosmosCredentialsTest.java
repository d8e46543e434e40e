package northstar.adapters.persistence.cosmos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The credential of a Cosmos route is an explicit choice made in its config: an account key, a
 * connection string, or a token credential the config names (built by bootstrap); never more than
 * one, never none.
 */
class CosmosCredentialsTest {
    static LocalServer cosmos;

    @BeforeAll
    static void startCosmos() {
        cosmos = LocalServer.cosmos();
    }

    @AfterAll
    static void stopCosmos() {
        cosmos.close();
    }

    private static Route route(Map<String, String> credential) {
        Map<String, String> config = new HashMap<>(Map.of("database", "d", "container", "c"));
        config.putAll(credential);
        return new Route(ResourceKind.TABULAR_STORE, "cosmos", config);
    }

    private static final TokenCredential NAMED = request -> Mono.just(new AccessToken("t",
            OffsetDateTime.now().plusHours(1)));

    @Test
    void eachChoiceYieldsItsCredentialFromTheConfigAlone() {
        String endpoint = "https://acct.documents.azure.com:443/";
        assertThat(CosmosClients.credential(route(Map.of("endpoint", endpoint, "key", "a2V5")), null))
                .isEqualTo(new CosmosClients.AccountKey(endpoint, "a2V5"));
        assertThat(CosmosClients.credential(route(Map.of("connection_string",
                "AccountEndpoint=" + endpoint + ";AccountKey=a2V5;")), null))
                .isEqualTo(new CosmosClients.AccountKey(endpoint, "a2V5"));
        assertThat(CosmosClients.credential(route(Map.of("endpoint", endpoint, "credential", "managed_identity")), NAMED))
                .isEqualTo(new CosmosClients.Token(endpoint, NAMED));
        assertThat(new CosmosClients.AccountKey(endpoint, "a2V5").toString()).doesNotContain("a2V5");
    }

    @Test
    void noChoiceTwoChoicesOrAnUnmatchedTokenIsRefused() {
        String endpoint = "https://acct.documents.azure.com:443/";
        assertThatThrownBy(() -> CosmosClients.credential(route(Map.of("endpoint", endpoint)), null))
                .isInstanceOf(RouteConfigurationException.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> CosmosClients.credential(route(Map.of("endpoint", endpoint, "key", "k",
                "credential", "managed_identity")), NAMED)).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> CosmosClients.credential(route(Map.of("credential", "managed_identity")), NAMED))
                .isInstanceOf(RouteConfigurationException.class).hasMessageContaining("config.endpoint");
        assertThatThrownBy(() -> CosmosClients.credential(route(Map.of("endpoint", endpoint, "credential",
                "managed_identity")), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CosmosClients.credential(route(Map.of("endpoint", endpoint, "key", "k")), NAMED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A token credential is what the client signs with: it asks for a token for the account host's scope. */
    @Test
    void aTokenCredentialAuthenticatesTheClient() {
        List<String> scopes = new CopyOnWriteArrayList<>();
        TokenCredential recording = new TokenCredential() {
            @Override
            public Mono<AccessToken> getToken(TokenRequestContext request) {
                scopes.addAll(request.getScopes());
                return Mono.just(new AccessToken("test-token", OffsetDateTime.now().plusHours(1)));
            }
        };
        Route route = CosmosServer.creating(cosmos, ResourceKind.TABULAR_STORE, Map.of());
        var config = new HashMap<>(route.config());
        config.remove("key");
        config.put("credential", "managed_identity");
        var opened = CosmosClients.open(new Route(ResourceKind.TABULAR_STORE, "cosmos", config),
                CosmosTabularStore.schema(), recording);
        try (var client = opened.client()) {
            opened.container().createItem(Map.of("id", "x", "tenant_id", "t1"), new PartitionKey("t1"), null);

            assertThat(opened.container().readItem("x", new PartitionKey("t1"), ObjectNode.class).getItem()
                    .get("tenant_id").asText()).isEqualTo("t1");
        }
        assertThat(scopes).isNotEmpty().containsOnly("https://127.0.0.1/.default");
    }
}
