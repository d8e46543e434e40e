package northstar.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.domain.routing.RoutingTable;
import org.junit.jupiter.api.Test;

class RoutingTableTest {
    final Route sqlite = new Route(ResourceKind.TABULAR_STORE, "sqlite", Map.of("path", "a.db"));
    final Route s3 = new Route(ResourceKind.OBJECT_STORE, "s3", Map.of("bucket", "b", "region", "eu-west-1",
            "access_key_id", "AKIA", "secret_access_key", "s3cr3t"));

    @Test
    void aTenantRouteWinsForItsTenantAndTheDefaultServesTheRest() {
        Route own = new Route(ResourceKind.OBJECT_STORE, "s3", Map.of("bucket", "own"));
        RoutingTable t = new RoutingTable(List.of(sqlite, s3), Map.of("bigco", List.of(own)));

        assertThat(t.routeFor(ResourceKind.OBJECT_STORE, "bigco")).contains(own);
        assertThat(t.routeFor(ResourceKind.OBJECT_STORE, "small")).contains(s3);
        assertThat(t.routeFor(ResourceKind.TABULAR_STORE, "bigco")).contains(sqlite);
        assertThat(t.routeFor(ResourceKind.ANALYTICS_STORE, "small")).isEmpty();
        assertThat(t.allRoutes()).containsExactly(sqlite, s3, own);
    }

    @Test
    void aMissingRouteIsAHardFailureNamingKindAndTenant() {
        assertThatThrownBy(() -> RoutingTable.of(sqlite).require(ResourceKind.ANALYTICS_STORE, "acme"))
                .isInstanceOf(RouteConfigurationException.class)
                .hasMessage("no route for resource kind analytics_store (tenant acme)");
    }

    @Test
    void twoRoutesForOneKindAreRefused() {
        assertThatThrownBy(() -> RoutingTable.of(sqlite, sqlite)).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("tabular_store twice");
    }

    @Test
    void redactionHidesSecretsAndKeepsTheRest() {
        assertThat(s3.redactedConfig()).containsEntry("secret_access_key", "***").containsEntry("access_key_id", "AKIA")
                .containsEntry("bucket", "b");
        assertThat(new Route(ResourceKind.ANALYTICS_STORE, "cosmos", Map.of("key", "k", "connection_string", "c",
                "endpoint", "https://x")).redactedConfig()).containsEntry("key", "***")
                .containsEntry("connection_string", "***").containsEntry("endpoint", "https://x");
    }
}
