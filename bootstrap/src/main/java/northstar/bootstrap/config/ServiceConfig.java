package northstar.bootstrap.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import northstar.domain.routing.RoutingTable;

/**
 * Everything the service runs on, from one file (or the built-in lab default). Nothing here comes
 * from environment variables.
 *
 * @param publicBaseUrl where clients reach this service (presigned URLs of the filesystem store)
 */
public record ServiceConfig(String host, int port, Path dataDir, String env, URI publicBaseUrl, long maxJsonBodyBytes,
                            Duration stopTimeout, List<TenantConfig> tenants, RoutingTable routes) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_JSON_BODY = 1024 * 1024;

    public ServiceConfig {
        tenants = List.copyOf(tenants);
    }

    public List<String> tenantIds() {
        return tenants.stream().map(TenantConfig::tenantId).toList();
    }
}
