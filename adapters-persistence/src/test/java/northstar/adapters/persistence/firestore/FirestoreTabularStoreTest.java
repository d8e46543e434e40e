package northstar.adapters.persistence.firestore;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.domain.tabular.TabularStore;
import northstar.testkit.TabularStoreContract;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.Test;

/** The TabularStore contract on Firestore, the real client against Google's Cloud Firestore emulator. */
class FirestoreTabularStoreTest extends TabularStoreContract {
    static final LocalServer EMULATOR = LocalServer.firestore();

    @Override
    protected TabularStore newStore() {
        return new FirestoreTabularStore(FirestoreRoutes.route(EMULATOR.hostAndPort(), ResourceKind.TABULAR_STORE, Map.of()));
    }

    @Test
    void aRouteNamesExactlyOneWayToReachFirestore() {
        var none = new Route(ResourceKind.TABULAR_STORE, "firestore", Map.of("project", "p"));
        var both = new Route(ResourceKind.TABULAR_STORE, "firestore", Map.of("project", "p", "emulator_host",
                EMULATOR.hostAndPort(), "credentials", "application_default"));
        var noProject = new Route(ResourceKind.TABULAR_STORE, "firestore", Map.of("emulator_host", EMULATOR.hostAndPort()));

        assertThatThrownBy(() -> new FirestoreTabularStore(none)).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new FirestoreTabularStore(both)).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new FirestoreTabularStore(noProject)).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("config.project");
    }
}
