package northstar.adapters.persistence.firestore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.domain.routing.RouteSettings;

/**
 * Everything a {@code firestore} route's config says, parsed once and strictly ({@link #parse}).
 * Exactly one way to reach Firestore: {@code credentials} (service_account with key_file, or
 * application_default) or {@code emulator_host} (host:port, plaintext, no credentials).
 *
 * @param credentials service_account or application_default; empty with an emulator
 * @param keyFile     the service account's key file (credentials service_account only)
 * @param shards      range shards (analytics routes; 1 on tabular ones)
 * @param ttlDays     days an event lives (analytics routes), empty: for ever
 */
public record FirestoreSettings(String project, String database, Optional<String> emulatorHost,
                                Optional<String> credentials, Optional<Path> keyFile, String collection, int shards,
                                Optional<Long> ttlDays, Duration callTimeout) {
    public static FirestoreSettings parse(Route route) {
        RouteSettings s = RouteSettings.of(route);
        Optional<String> emulator = s.optionalText("emulator_host");
        boolean named = s.has("credentials");
        if (emulator.isPresent() == named) {
            throw new RouteConfigurationException(route.describe() + ": set exactly one of config.credentials "
                    + "(service_account with config.key_file, or application_default) and config.emulator_host");
        }
        emulator.filter(h -> !h.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}")).ifPresent(h -> {
            throw new RouteConfigurationException(route.describe() + ": config.emulator_host must be host:port");
        });
        Optional<String> credentials = named ? Optional.of(s.choice("credentials", Set.of("service_account",
                "application_default"))) : Optional.empty();
        Optional<Path> keyFile = s.optionalText("key_file").map(Path::of);
        if (keyFile.isPresent() != credentials.filter("service_account"::equals).isPresent()) {
            throw new RouteConfigurationException(route.describe()
                    + ": config.key_file goes with credentials service_account, and only with it");
        }
        String collection = s.text("collection", route.resourceKind() == ResourceKind.ANALYTICS_STORE ? "analytics"
                : "tabular");
        try {
            northstar.domain.Identifiers.name("config.collection", collection);
        } catch (northstar.domain.StoreException e) {
            throw new RouteConfigurationException(route.describe() + ": " + e.getMessage());
        }
        int shards = 1;
        Optional<Long> ttl = Optional.empty();
        if (route.resourceKind() == ResourceKind.ANALYTICS_STORE) {
            shards = s.integer("shards", 8, 1, 64);
            long days = s.number("ttl_days", 0, 0, 36_500);
            ttl = days == 0 ? Optional.empty() : Optional.of(days);
        } else {
            s.refuse("shards", "applies to analytics_store routes only");
            s.refuse("ttl_days", "applies to analytics_store routes only");
        }
        FirestoreSettings settings = new FirestoreSettings(s.text("project"), s.text("database", "(default)"), emulator,
                credentials, keyFile, collection, shards, ttl, s.millis("call_timeout_ms", 10_000, 600_000));
        s.done();
        return settings;
    }
}
