package northstar.adapters.persistence.firestore;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import northstar.domain.routing.Route;
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

    /** @param credentials the credentials config.credentials names, or null when it names none */
    static Firestore open(Route route, GoogleCredentials credentials) {
        FirestoreOptions.Builder b = FirestoreOptions.newBuilder().setProjectId(route.require("project"))
                .setDatabaseId(route.optional("database", "(default)"));
        boolean emulator = route.config().containsKey("emulator_host");
        boolean named = route.config().containsKey("credentials");
        if (emulator == named) {
            throw new RouteConfigurationException(route.describe() + ": set exactly one of config.credentials "
                    + "(service_account with config.key_file, or application_default) and config.emulator_host");
        }
        if (named != (credentials != null)) {
            throw new IllegalArgumentException(route.describe() + ": credentials are given exactly when config.credentials "
                    + "names them");
        }
        if (emulator) {
            String host = route.require("emulator_host");
            if (!host.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}")) {
                throw new RouteConfigurationException(route.describe() + ": config.emulator_host must be host:port");
            }
            b.setEmulatorHost(host);
        } else {
            b.setCredentials(credentials);
        }
        FirestoreOptions options;
        try {
            options = b.build();
        } catch (IllegalArgumentException e) {
            throw new RouteConfigurationException(route.describe() + ": " + e.getMessage());
        }
        if (!emulator && options.getEmulatorHost() != null) {
            throw new RouteConfigurationException(route.describe() + ": FIRESTORE_EMULATOR_HOST is set in this "
                    + "process's environment and would redirect the route; only config.emulator_host may do that");
        }
        return options.getService();
    }

    /** How long one call of the route may take (config.call_timeout_ms, default 10 s). */
    static java.time.Duration timeout(Route route) {
        return java.time.Duration.ofMillis(route.number("call_timeout_ms", 10_000, 1, 600_000));
    }

    /** Reads one document of the route's collection: the route's readiness. */
    static void probe(Firestore db, String collection, java.time.Duration timeout) {
        FirestoreErrors.await(timeout, "probe", db.collection(collection).document("_probe").get());
    }

    static void close(Firestore db) {
        try {
            db.close();
        } catch (Exception e) {
            // closing releases channels; nothing is lost
        }
    }

    /** The route's root collection (config.collection, else the fallback), a valid collection id. */
    static String collection(Route route, String fallback) {
        String collection = route.optional("collection", fallback);
        northstar.domain.Identifiers.name("config.collection", collection);
        return collection;
    }
}
