package northstar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ManagedIdentityCredential;
import java.util.HashMap;
import java.util.Map;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import org.junit.jupiter.api.Test;

/** Token credentials exist only when a route names one, and come from that route's config. */
class AzureCredentialsTest {
    private static Route route(Map<String, String> credential) {
        Map<String, String> config = new HashMap<>(Map.of("endpoint", "https://acct.documents.azure.com:443/"));
        config.putAll(credential);
        return new Route(ResourceKind.TABULAR_STORE, "cosmos", config);
    }

    @Test
    void aRouteThatNamesNoCredentialGetsNone() {
        assertThat(AzureCredentials.forRoute(route(Map.of("key", "k")))).isNull();
    }

    @Test
    void eachNamedCredentialIsBuiltFromTheRoute() {
        assertThat(AzureCredentials.forRoute(route(Map.of("credential", "managed_identity"))))
                .isInstanceOf(ManagedIdentityCredential.class);
        assertThat(AzureCredentials.forRoute(route(Map.of("credential", "managed_identity", "client_id",
                "00000000-0000-0000-0000-000000000001")))).isInstanceOf(ManagedIdentityCredential.class);
        assertThat(AzureCredentials.forRoute(route(Map.of("credential", "client_secret", "tenant_id", "tenant",
                "client_id", "app", "client_secret", "s3cret", "authority_host", "https://login.microsoftonline.us"))))
                .isInstanceOf(ClientSecretCredential.class);
    }

    @Test
    void anUnknownOrIncompleteCredentialIsRefusedNamingTheField() {
        assertThatThrownBy(() -> AzureCredentials.forRoute(route(Map.of("credential", "environment"))))
                .isInstanceOf(RouteConfigurationException.class).hasMessageContaining("client_secret, managed_identity");
        assertThatThrownBy(() -> AzureCredentials.forRoute(route(Map.of("credential", "client_secret", "tenant_id",
                "t", "client_id", "c")))).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("config.client_secret");
        assertThatThrownBy(() -> AzureCredentials.forRoute(route(Map.of("credential", "client_secret", "tenant_id",
                "t", "client_id", "c", "client_secret", "s", "authority_host", "http://login.example"))))
                .isInstanceOf(RouteConfigurationException.class).hasMessageContaining("config.authority_host");
    }
}
