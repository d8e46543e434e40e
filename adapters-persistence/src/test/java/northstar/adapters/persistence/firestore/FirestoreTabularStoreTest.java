package northstar.adapters.persistence.firestore;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import northstar.adapters.persistence.firestore.fake.FirestoreFake;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.domain.tabular.TabularStore;
import northstar.testkit.TabularStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TabularStore contract on Firestore, the real client against the in-process Firestore fake. */
class FirestoreTabularStoreTest extends TabularStoreContract {
    static FirestoreFake fake;

    @BeforeAll
    static void startFake() {
        fake = FirestoreFake.start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @Override
    protected TabularStore newStore() {
        return new FirestoreTabularStore(FirestoreRoutes.route(fake, ResourceKind.TABULAR_STORE, Map.of()));
    }

    @Test
    void aRouteNamesExactlyOneWayToReachFirestore() {
        var none = new Route(ResourceKind.TABULAR_STORE, "firestore", Map.of("project", "p"));
        var both = new Route(ResourceKind.TABULAR_STORE, "firestore", Map.of("project", "p", "emulator_host",
                fake.hostAndPort(), "credentials", "application_default"));
        var noProject = new Route(ResourceKind.TABULAR_STORE, "firestore", Map.of("emulator_host", fake.hostAndPort()));

        assertThatThrownBy(() -> new FirestoreTabularStore(none)).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new FirestoreTabularStore(both)).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new FirestoreTabularStore(noProject)).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("config.project");
    }
}
