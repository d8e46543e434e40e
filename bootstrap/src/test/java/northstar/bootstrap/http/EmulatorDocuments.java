package northstar.bootstrap.http;

import com.google.cloud.firestore.FirestoreOptions;
import java.util.ArrayList;
import java.util.List;
import northstar.testkit.servers.LocalServer;

/** What a project holds in the Firestore emulator, read with a client of the test's own. */
final class EmulatorDocuments {
    private EmulatorDocuments() {
    }

    /** The ids of the documents of a collection (a path such as analytics/acme/events). */
    static List<String> in(LocalServer emulator, String project, String collection) {
        try (var db = FirestoreOptions.newBuilder().setProjectId(project).setEmulatorHost(emulator.hostAndPort()).build()
                .getService()) {
            return db.collection(collection).get().get().getDocuments().stream().map(d -> d.getId()).toList();
        } catch (Exception e) {
            throw new IllegalStateException("reading " + collection + " of " + project, e);
        }
    }

    /** The ids of the project's top-level collections: none when nothing was ever written to it. */
    static List<String> collections(LocalServer emulator, String project) {
        try (var db = FirestoreOptions.newBuilder().setProjectId(project).setEmulatorHost(emulator.hostAndPort()).build()
                .getService()) {
            List<String> out = new ArrayList<>();
            db.listCollections().forEach(c -> out.add(c.getId()));
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("listing the collections of " + project, e);
        }
    }
}
