package northstar.adapters.persistence.firestore;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;

/**
 * One Firestore client per route, from the route's config only: {@code project} (mandatory),
 * {@code database} (default "(default)"), and exactly one way to reach it:
 * <ul>
 * <li>{@code credentials: service_account} with {@code key_file} (a service-account JSON key the
 * config names);</li>
 * <li>{@code credentials: application_default}: Google's application default credentials, only
 * because the route names them;</li>
 * <li>{@code emulator_host} (host:port): an emulator or test server, plaintext, no credentials.</li>
 * </ul>
 * Firestore is reached at firestore.googleapis.com (the database's location is the project's). The
 * Firestore library would take an emulator from FIRESTORE_EMULATOR_HOST when the
 * config names none; a route refuses to start when that happens, so the environment never picks
 * the endpoint.
 */
final class FirestoreClients {
    private FirestoreClients() {
    }

    static Firestore open(Route route) {
        FirestoreOptions.Builder b = FirestoreOptions.newBuilder().setProjectId(route.require("project"))
                .setDatabaseId(route.optional("database", "(default)"));
        boolean emulator = route.config().containsKey("emulator_host");
        boolean named = route.config().containsKey("credentials");
        if (emulator == named) {
            throw new RouteConfigurationException(route.describe() + ": set exactly one of config.credentials "
                    + "(service_account with config.key_file, or application_default) and config.emulator_host");
        }
        if (emulator) {
            String host = route.require("emulator_host");
            if (!host.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}")) {
                throw new RouteConfigurationException(route.describe() + ": config.emulator_host must be host:port");
            }
            b.setEmulatorHost(host);
        } else {
            b.setCredentials(credentials(route));
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

    private static GoogleCredentials credentials(Route route) {
        String kind = route.require("credentials");
        try {
            return switch (kind) {
                case "service_account" -> {
                    Path file = Path.of(route.require("key_file"));
                    try (InputStream in = Files.newInputStream(file)) {
                        yield ServiceAccountCredentials.fromStream(in);
                    }
                }
                case "application_default" -> GoogleCredentials.getApplicationDefault();
                default -> throw new RouteConfigurationException(route.describe()
                        + ": config.credentials must be service_account or application_default");
            };
        } catch (IOException e) {
            throw new RouteConfigurationException(route.describe() + ": config.credentials " + kind
                    + " could not be loaded (" + e.getClass().getSimpleName() + ")");
        }
    }
}
