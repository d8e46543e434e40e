package northstar.adapters.persistence.firestore;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import northstar.domain.routing.RouteConfigurationException;

/**
 * One Firestore client per route, from the route's config only: {@code project} (mandatory),
 * {@code database} (default "(default)"), and exactly one way to reach it: {@code credentials}
 * (service_account with key_file, or application_default; bootstrap builds them from the same config
 * and hands them over), or {@code emulator_host} (host:port of an emulator or test server:
 * plaintext, no credentials). Firestore is reached at firestore.googleapis.com otherwise. The
 * Firestore library would take an emulator from FIRESTORE_EMULATOR_HOST when the config names none;
 * a route refuses to start when that happens, so the environment never picks the endpoint.
 */
final class FirestoreClients {
    private FirestoreClients() {
    }

    /** @param credentials the credentials settings.credentials names, or null when it names none */
    static Firestore open(FirestoreSettings settings, GoogleCredentials credentials, String route) {
        FirestoreOptions.Builder b = FirestoreOptions.newBuilder().setProjectId(settings.project())
                .setDatabaseId(settings.database());
        if (settings.credentials().isPresent() != (credentials != null)) {
            throw new IllegalArgumentException(route + ": credentials are given exactly when config.credentials names them");
        }
        settings.emulatorHost().ifPresentOrElse(b::setEmulatorHost, () -> b.setCredentials(credentials));
        FirestoreOptions options;
        try {
            options = b.build();
        } catch (IllegalArgumentException e) {
            throw new RouteConfigurationException(route + ": " + e.getMessage());
        }
        if (settings.emulatorHost().isEmpty() && options.getEmulatorHost() != null) {
            throw new RouteConfigurationException(route + ": FIRESTORE_EMULATOR_HOST is set in this "
                    + "process's environment and would redirect the route; only config.emulator_host may do that");
        }
        return options.getService();
    }

    /** Reads one document of the route's collection: the route's readiness. */
    static void probe(Firestore db, String collection, FirestoreDeadline deadline) {
        deadline.await("probe", db.collection(collection).document("_probe").get());
    }

    static void close(Firestore db) {
        try {
            db.close();
        } catch (Exception e) {
            // closing releases channels; nothing is lost
        }
    }

}
