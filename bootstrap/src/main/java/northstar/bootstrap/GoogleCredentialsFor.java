package northstar.bootstrap;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import northstar.domain.routing.RouteConfigurationException;

/**
 * The Google credentials a route names in {@code config.credentials}, built from that route's parsed
 * settings alone; null when it names none (a Firestore route on an emulator_host). Credentials are wiring, so
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

    /**
     * @param route   the route, as named in messages
     * @param kind    the route's parsed config.credentials (service_account or application_default), or empty
     * @param keyFile the service account's key file (with service_account)
     */
    public static GoogleCredentials of(String route, Optional<String> kind, Optional<Path> keyFile) {
        if (kind.isEmpty()) {
            return null;
        }
        try {
            return switch (kind.get()) {
                case "service_account" -> {
                    try (InputStream in = Files.newInputStream(keyFile.orElseThrow(() -> new RouteConfigurationException(
                            route + ": config.key_file is required with credentials service_account")))) {
                        yield ServiceAccountCredentials.fromStream(in);
                    }
                }
                case "application_default" -> GoogleCredentials.getApplicationDefault();
                default -> throw new RouteConfigurationException(route
                        + ": config.credentials must be service_account or application_default");
            };
        } catch (IOException e) {
            throw new RouteConfigurationException(route + ": config.credentials " + kind.get()
                    + " could not be loaded (" + e.getClass().getSimpleName() + ")");
        }
    }
}
