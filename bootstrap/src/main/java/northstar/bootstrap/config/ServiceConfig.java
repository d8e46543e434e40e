package northstar.bootstrap.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import northstar.adapters.http.HttpApi;
import northstar.domain.routing.RoutingTable;

/**
 * Everything the service runs on, from one file (or the built-in lab default). Nothing here comes
 * from environment variables.
 *
 * @param publicBaseUrl where clients reach this service (presigned URLs of the filesystem store)
 * @param ingest        the ingest journal's bound and how long an ingest waits before it journals
 * @param requestDeadline how long any other JSON request's use case may take before it answers 503
 * @param limits        what one client can hold of the service: uploads at once, slowest body, header timeout
 * @param metricsListen host:port where /metrics is served without a key (for a scraper on a private
 *                      network), or null: /metrics only on the service's port, for admin keys
 * @param logFormat     text (the default) or json: one JSON object per log line
 */
public record ServiceConfig(String host, int port, Path dataDir, String env, URI publicBaseUrl, long maxJsonBodyBytes,
                            Duration stopTimeout, List<TenantConfig> tenants, RoutingTable routes, Ingest ingest,
                            Duration requestDeadline, HttpApi.Limits limits, String metricsListen, String logFormat) {
    public static final Duration DEFAULT_REQUEST_DEADLINE = Duration.ofSeconds(10);
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_JSON_BODY = 1024 * 1024;

    /**
     * @param journalMaxBytes what the ingest journal under data_dir may hold on disk
     * @param deadline        how long an ingest waits for its backends before it journals the event
     */
    public record Ingest(long journalMaxBytes, Duration deadline) {
        public static final long DEFAULT_JOURNAL_MAX_BYTES = 1024L * 1024 * 1024;
        public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(2);
        public static final Ingest DEFAULTS = new Ingest(DEFAULT_JOURNAL_MAX_BYTES, DEFAULT_DEADLINE);
    }

    public ServiceConfig {
        tenants = List.copyOf(tenants);
        ingest = ingest == null ? Ingest.DEFAULTS : ingest;
        requestDeadline = requestDeadline == null ? DEFAULT_REQUEST_DEADLINE : requestDeadline;
        limits = limits == null ? HttpApi.Limits.DEFAULTS : limits;
        logFormat = logFormat == null ? "text" : logFormat;
    }

    public ServiceConfig(String host, int port, Path dataDir, String env, URI publicBaseUrl, long maxJsonBodyBytes,
                         Duration stopTimeout, List<TenantConfig> tenants, RoutingTable routes, Ingest ingest,
                         Duration requestDeadline, HttpApi.Limits limits, String metricsListen) {
        this(host, port, dataDir, env, publicBaseUrl, maxJsonBodyBytes, stopTimeout, tenants, routes, ingest,
                requestDeadline, limits, metricsListen, "text");
    }

    public ServiceConfig(String host, int port, Path dataDir, String env, URI publicBaseUrl, long maxJsonBodyBytes,
                         Duration stopTimeout, List<TenantConfig> tenants, RoutingTable routes, Ingest ingest,
                         Duration requestDeadline, HttpApi.Limits limits) {
        this(host, port, dataDir, env, publicBaseUrl, maxJsonBodyBytes, stopTimeout, tenants, routes, ingest,
                requestDeadline, limits, null);
    }

    public ServiceConfig(String host, int port, Path dataDir, String env, URI publicBaseUrl, long maxJsonBodyBytes,
                         Duration stopTimeout, List<TenantConfig> tenants, RoutingTable routes, Ingest ingest,
                         Duration requestDeadline) {
        this(host, port, dataDir, env, publicBaseUrl, maxJsonBodyBytes, stopTimeout, tenants, routes, ingest,
                requestDeadline, HttpApi.Limits.DEFAULTS);
    }

    public ServiceConfig(String host, int port, Path dataDir, String env, URI publicBaseUrl, long maxJsonBodyBytes,
                         Duration stopTimeout, List<TenantConfig> tenants, RoutingTable routes, Ingest ingest) {
        this(host, port, dataDir, env, publicBaseUrl, maxJsonBodyBytes, stopTimeout, tenants, routes, ingest,
                DEFAULT_REQUEST_DEADLINE);
    }

    public ServiceConfig(String host, int port, Path dataDir, String env, URI publicBaseUrl, long maxJsonBodyBytes,
                         Duration stopTimeout, List<TenantConfig> tenants, RoutingTable routes) {
        this(host, port, dataDir, env, publicBaseUrl, maxJsonBodyBytes, stopTimeout, tenants, routes, Ingest.DEFAULTS,
                DEFAULT_REQUEST_DEADLINE);
    }

    /**
     * The same configuration listening elsewhere (serve --listen). The public URL follows the address
     * when it was the one derived from it, not when the file names its own.
     */
    public ServiceConfig listeningOn(String newHost, int newPort) {
        URI derived = URI.create("http://" + host + ":" + port);
        URI publicUrl = publicBaseUrl.equals(derived) ? URI.create("http://" + newHost + ":" + newPort) : publicBaseUrl;
        return new ServiceConfig(newHost, newPort, dataDir, env, publicUrl, maxJsonBodyBytes, stopTimeout, tenants, routes,
                ingest, requestDeadline, limits, metricsListen, logFormat);
    }

    public List<String> tenantIds() {
        return tenants.stream().map(TenantConfig::tenantId).toList();
    }
}
