package northstar.adapters.persistence.firestore;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import northstar.adapters.persistence.firestore.fake.FirestoreFake;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;

/** Routes on the Firestore fake; each test gets a collection (or project) of its own. */
final class FirestoreRoutes {
    private FirestoreRoutes() {
    }

    static Route route(FirestoreFake fake, ResourceKind kind, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of("project", "p" + UUID.randomUUID().toString().substring(0, 8),
                "emulator_host", fake.hostAndPort()));
        config.putAll(extra);
        return new Route(kind, "firestore", config);
    }
}
