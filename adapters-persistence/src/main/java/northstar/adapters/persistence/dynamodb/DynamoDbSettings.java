package northstar.adapters.persistence.dynamodb;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteSettings;

/**
 * Everything a {@code dynamodb} route's config says, parsed once and strictly ({@link #parse}):
 * the adapter reads these fields, never the config's strings.
 *
 * @param staticKey       access_key_id and secret_access_key with credentials {@code static}; empty
 *                        with {@code default} (the SDK's provider chain, named by the route)
 * @param shards          range partitions per project (analytics routes; 1 on tabular ones)
 */
public record DynamoDbSettings(String tableName, String region, Optional<URI> endpoint,
                               Optional<RouteSettings.StaticKey> staticKey, Duration connectTimeout,
                               Duration socketTimeout, Duration apiCallTimeout, Duration attemptTimeout, int maxAttempts,
                               int shards, boolean createTable) {
    /** The longest any timeout of a route may be: ten minutes. */
    static final long MAX_MILLIS = 600_000;

    public static DynamoDbSettings parse(Route route) {
        RouteSettings s = RouteSettings.of(route);
        String table = s.text("table_name");
        String region = s.text("region");
        Optional<RouteSettings.StaticKey> key = s.staticOrDefault("credentials", "access_key_id", "secret_access_key");
        int shards = 1;
        if (route.resourceKind() == ResourceKind.ANALYTICS_STORE) {
            shards = s.integer("shards", 8, 1, 256);
        } else {
            s.refuse("shards", "applies to analytics_store routes only");
        }
        DynamoDbSettings settings = new DynamoDbSettings(table, region, s.url("endpoint"),
                key, s.millis("connect_timeout_ms", 2000, MAX_MILLIS),
                s.millis("socket_timeout_ms", 10_000, MAX_MILLIS), s.millis("api_call_timeout_ms", 15_000, MAX_MILLIS),
                s.millis("attempt_timeout_ms", 5_000, MAX_MILLIS), s.integer("max_attempts", 3, 1, 10), shards,
                s.flag("create_table", false));
        s.done();
        return settings;
    }
}
