package northstar.application.budget;

import java.util.Map;
import java.util.UUID;
import northstar.adapters.persistence.firestore.FirestoreTabularStore;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.tabular.TabularStore;
import northstar.testkit.servers.LocalServer;

/** The budget kit on Firestore, against Google's emulator (one per test JVM); each test a project of its own. */
class FirestoreBudgetTest extends BudgetContract {
    @Override
    protected TabularStore newStore() {
        return new FirestoreTabularStore(new Route(ResourceKind.TABULAR_STORE, "firestore", Map.of("project",
                "p" + UUID.randomUUID().toString().substring(0, 8), "emulator_host", LocalServer.firestore().hostAndPort())));
    }

    @Override
    protected String backendType() {
        return "firestore";
    }
}
