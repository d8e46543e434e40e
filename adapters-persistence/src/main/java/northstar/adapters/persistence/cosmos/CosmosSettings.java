package northstar.adapters.persistence.cosmos;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.domain.routing.RouteSettings;
import northstar.domain.routing.Secret;

/**
 * Everything a {@code cosmos} route's config says, parsed once and strictly ({@link #parse}). The
 * account is reached with exactly one of: {@code endpoint} + {@code key}; {@code connection_string}
 * (AccountEndpoint=...;AccountKey=...;); {@code endpoint} + {@code credential} (a token credential
 * whose settings, {@code credential}, {@code tenant_id}, {@code client_id}, {@code client_secret} and
 * {@code authority_host}, bootstrap reads and builds).
 *
 * @param accountKey the account key; empty when a token credential signs instead
 * @param container  default {@code analytics} for analytics routes, {@code tables} for tabular ones
 * @param ttlDays    days an event lives (analytics routes), empty: for ever
 */
public record CosmosSettings(String endpoint, Optional<Secret> accountKey, String database, String container,
                             Duration requestTimeout, int maxConnections, int maxThrottleRetries, boolean createContainer,
                             Optional<Long> ttlDays, int ingestConcurrency) {
    public boolean tokenCredential() {
        return accountKey.isEmpty();
    }

    public static CosmosSettings parse(Route route) {
        RouteSettings s = RouteSettings.of(route);
        boolean key = s.has("key");
        boolean connection = s.has("connection_string");
        boolean token = s.namesTokenCredential();
        if ((key ? 1 : 0) + (connection ? 1 : 0) + (token ? 1 : 0) != 1) {
            throw new RouteConfigurationException(route.describe() + ": set exactly one of config.key (with "
                    + "config.endpoint), config.connection_string and config.credential (managed_identity or "
                    + "client_secret, with config.endpoint)");
        }
        String endpoint;
        Optional<Secret> accountKey;
        if (connection) {
            s.refuse("endpoint", "goes with config.key or config.credential, not with config.connection_string");
            String found = null;
            String foundKey = null;
            for (String part : s.text("connection_string").split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    String name = part.substring(0, eq).trim();
                    if (name.equalsIgnoreCase("AccountEndpoint")) {
                        found = part.substring(eq + 1).trim();
                    } else if (name.equalsIgnoreCase("AccountKey")) {
                        foundKey = part.substring(eq + 1).trim();
                    }
                }
            }
            if (found == null || foundKey == null || foundKey.isEmpty()) {
                throw new RouteConfigurationException(route.describe()
                        + ": config.connection_string needs AccountEndpoint and AccountKey");
            }
            endpoint = https(route, "connection_string AccountEndpoint", found);
            accountKey = Optional.of(new Secret(foundKey));
        } else {
            endpoint = https(route, "endpoint", s.text("endpoint"));
            accountKey = key ? Optional.of(s.secret("key")) : Optional.empty();
        }
        boolean analytics = route.resourceKind() == ResourceKind.ANALYTICS_STORE;
        Optional<Long> ttl = Optional.empty();
        int concurrency = 32;
        if (analytics) {
            long days = s.number("ttl_days", 0, 0, 36_500);
            ttl = days == 0 ? Optional.empty() : Optional.of(days);
            concurrency = s.integer("ingest_concurrency", 32, 1, 500);
        } else {
            s.refuse("ttl_days", "applies to analytics_store routes only");
            s.refuse("ingest_concurrency", "applies to analytics_store routes only");
        }
        CosmosSettings settings = new CosmosSettings(endpoint, accountKey, s.text("database"),
                // the design's example names no container: analytics events go to "analytics", tables to "tables"
                s.text("container", analytics ? "analytics" : "tables"),
                Duration.ofSeconds(s.number("request_timeout_seconds", 10, 1, 60)),
                s.integer("max_connections", 1000, 1, 10_000), s.integer("max_throttle_retries", 9, 0, 30),
                s.flag("create_container", false), ttl, concurrency);
        s.done();
        return settings;
    }

    private static String https(Route route, String field, String endpoint) {
        try {
            URI uri = new URI(endpoint);
            if ("https".equals(uri.getScheme()) && uri.getHost() != null) {
                return endpoint;
            }
        } catch (java.net.URISyntaxException e) {
            // the one error below
        }
        throw new RouteConfigurationException(route.describe() + ": config." + field + " must be an https:// URL");
    }
}
