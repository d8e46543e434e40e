package northstar.adapters.persistence.cosmos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.cosmos.models.PartitionKey;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ManagedIdentityCredential;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.testkit.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The credential of a Cosmos route is an explicit choice made in its config: an account key, a
 * connection string, or a token credential the config names; never more than one, never none.
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

    @Test
    void eachChoiceYieldsItsCredentialFromTheConfigAlone() {
        String endpoint = "https://acct.documents.azure.com:443/";
        assertThat(CosmosClients.credential(route(Map.of("endpoint", endpoint, "key", "a2V5"))))
                .isEqualTo(new CosmosClients.AccountKey(endpoint, "a2V5"));
        assertThat(CosmosClients.credential(route(Map.of("connection_string",
                "AccountEndpoint=" + endpoint + ";AccountKey=a2V5;"))))
                .isEqualTo(new CosmosClients.AccountKey(endpoint, "a2V5"));
        assertThat(CosmosClients.credential(route(Map.of("endpoint", endpoint, "credential", "managed_identity",
                "client_id", "00000000-0000-0000-0000-000000000001"))))
                .isInstanceOfSatisfying(CosmosClients.Token.class,
                        t -> assertThat(t.credential()).isInstanceOf(ManagedIdentityCredential.class));
        assertThat(CosmosClients.credential(route(Map.of("endpoint", endpoint, "credential", "client_secret",
                "tenant_id", "tenant", "client_id", "app", "client_secret", "s3cret"))))
                .isInstanceOfSatisfying(CosmosClients.Token.class,
                        t -> assertThat(t.credential()).isInstanceOf(ClientSecretCredential.class));
    }

    @Test
    void noChoiceTwoChoicesOrAnIncompleteOneIsRefusedNamingTheField() {
        String endpoint = "https://acct.documents.azure.com:443/";
        assertThatThrownBy(() -> CosmosClients.credential(route(Map.of("endpoint", endpoint))))
                .isInstanceOf(RouteConfigurationException.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> CosmosClients.credential(route(Map.of("endpoint", endpoint, "key", "k",
                "credential", "managed_identity")))).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> CosmosClients.credential(route(Map.of("endpoint", endpoint, "credential",
                "client_secret", "tenant_id", "t", "client_id", "c")))).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("config.client_secret");
        assertThatThrownBy(() -> CosmosClients.credential(route(Map.of("endpoint", endpoint, "credential",
                "environment")))).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("managed_identity or client_secret");
        assertThatThrownBy(() -> CosmosClients.credential(route(Map.of("credential", "managed_identity"))))
                .isInstanceOf(RouteConfigurationException.class).hasMessageContaining("config.endpoint");
        assertThatThrownBy(() -> CosmosClients.credential(route(Map.of("endpoint", endpoint, "credential",
                "client_secret", "tenant_id", "t", "client_id", "c", "client_secret", "s", "authority_host",
                "http://login.example")))).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("config.authority_host");
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
        var opened = CosmosClients.open(route, CosmosTabularStore.schema(),
                new CosmosClients.Token(cosmos.cosmosEndpoint(), recording));
        try (var client = opened.client()) {
            opened.container().createItem(Map.of("id", "x", "tenant_id", "t1"), new PartitionKey("t1"), null);

            assertThat(opened.container().readItem("x", new PartitionKey("t1"), ObjectNode.class).getItem()
                    .get("tenant_id").asText()).isEqualTo("t1");
        }
        assertThat(scopes).isNotEmpty().containsOnly("https://127.0.0.1/.default");
    }
}
