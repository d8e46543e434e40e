package northstar.bootstrap;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;

/**
 * The Google credentials a route names in {@code config.credentials}, built from that route's config
 * alone; null when it names none (a Firestore route on an emulator_host). Credentials are wiring, so
 * they are made here and handed to the adapters.
 * <ul>
 * <li>{@code service_account} with {@code key_file}: a service-account JSON key the config names
 * (it also signs Cloud Storage URLs);</li>
 * <li>{@code application_default}: Google's application default credentials, only because the
 * route names them.</li>
 * </ul>
 */
public final class GoogleCredentialsFor {
    private GoogleCredentialsFor() {
    }

    public static GoogleCredentials route(Route route) {
        if (!route.config().containsKey("credentials")) {
            return null;
        }
        String kind = route.require("credentials");
        try {
            return switch (kind) {
                case "service_account" -> {
                    try (InputStream in = Files.newInputStream(Path.of(route.require("key_file")))) {
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
