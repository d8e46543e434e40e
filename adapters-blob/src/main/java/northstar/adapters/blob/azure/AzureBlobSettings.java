package northstar.adapters.blob.azure;

import java.time.Duration;
import java.util.Optional;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.domain.routing.RouteSettings;
import northstar.domain.routing.Secret;

/**
 * Everything an {@code azure_blob} route's config says, parsed once and strictly ({@link #parse}).
 * The account is reached with exactly one of: {@code connection_string} (with the account key, which
 * also signs SAS URLs), or {@code endpoint} (https) + {@code credential} naming a token credential
 * (its settings, {@code credential}, {@code tenant_id}, {@code client_id}, {@code client_secret},
 * {@code authority_host}, are read and built by bootstrap's AzureCredentials).
 *
 * @param connectionString the connection string; empty when a token credential signs instead
 * @param endpoint         the https blob endpoint with a token credential; empty otherwise
 * @param blockSize        bytes of one staged block (block_size_mb, 1-100, default 4)
 */
public record AzureBlobSettings(Optional<Secret> connectionString, Optional<String> endpoint, String container,
                                int blockSize, boolean createContainer, int maxAttempts, Duration attemptTimeout,
                                Duration connectTimeout) {
    public boolean tokenCredential() {
        return connectionString.isEmpty();
    }

    public static AzureBlobSettings parse(Route route) {
        RouteSettings s = RouteSettings.of(route);
        boolean connection = s.has("connection_string");
        boolean token = s.namesTokenCredential();
        if (connection == token) {
            throw new RouteConfigurationException(route.describe() + ": set exactly one of config.connection_string and "
                    + "config.credential (managed_identity or client_secret, with config.endpoint)");
        }
        Optional<String> endpoint = Optional.empty();
        if (token) {
            String e = s.text("endpoint");
            if (!e.startsWith("https://")) {
                throw new RouteConfigurationException(route.describe()
                        + ": config.endpoint must be an https:// URL (token credentials are sent over HTTPS only)");
            }
            endpoint = Optional.of(e);
        } else {
            s.refuse("endpoint", "goes with config.credential; a connection string names its own endpoint");
        }
        AzureBlobSettings settings = new AzureBlobSettings(connection ? Optional.of(s.secret("connection_string"))
                : Optional.empty(), endpoint, s.text("container", "northstar-raw"),
                s.integer("block_size_mb", 4, 1, 100) * 1024 * 1024, s.flag("create_container", false),
                s.integer("max_attempts", 3, 1, 10), s.millis("attempt_timeout_ms", 60_000, 600_000),
                s.millis("connect_timeout_ms", 2000, 600_000));
        s.done();
        return settings;
    }
}
