package northstar.adapters.persistence.firestore;

import com.google.cloud.firestore.FirestoreOptions;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;

/** Routes on a Firestore server (the emulator, or the recording fake); each store gets a project of its own. */
final class FirestoreRoutes {
    private FirestoreRoutes() {
    }

    static Route route(String emulatorHost, ResourceKind kind, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of("project", "p" + UUID.randomUUID().toString().substring(0, 8),
                "emulator_host", emulatorHost));
        config.putAll(extra);
        return new Route(kind, "firestore", config);
    }

    /** The documents of a collection of the route's project, read with a client of the test's own. */
    static List<QueryDocumentSnapshot> documents(Route route, String collection) {
        try (var db = FirestoreOptions.newBuilder().setProjectId(route.require("project"))
                .setEmulatorHost(route.require("emulator_host")).build().getService()) {
            return db.collection(collection).get().get().getDocuments();
        } catch (Exception e) {
            throw new IllegalStateException("reading " + collection, e);
        }
    }
}
