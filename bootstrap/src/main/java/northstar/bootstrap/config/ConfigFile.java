package northstar.bootstrap.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import northstar.adapters.http.HttpApi;
import northstar.adapters.http.wire.Bodies;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.domain.routing.RoutingTable;

/**
 * Reads the configuration file (JSON), bound to {@link ConfigDocument}'s records. Unknown fields are
 * errors, so a misspelt setting never silently falls back to a default; every error names the JSON
 * path of its setting ({@code config.tenants[1].project_id}).
 *
 * <pre>{@code
 * { "listen": "127.0.0.1:8080", "data_dir": "./data", "env": "prod",
 *   "public_base_url": "https://stores.example.com", "max_json_body_bytes": 1048576,
 *   "tenants": [ { "tenant_id": "acme", "mode": "saas", "project_id": "default",
 *                  "api_keys": [ { "name": "ops", "sha256": "<hex>", "admin": true } ],
 *                  "routes": [ <per-tenant routes> ] } ],
 *   "routes": [ { "resource_kind": "analytics_store", "backend_type": "sqlite",
 *                 "config": { "path": "northstar.db" } } ] }
 * }</pre>
 */
public final class ConfigFile {
    /** The API's own mapper: the same names, the same refusal of unknown fields and of coercions. */
    private static final ObjectMapper MAPPER = Bodies.MAPPER;

    private ConfigFile() {
    }

    public static ServiceConfig read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + " is not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(root, base);
    }

    /** A listen address, host:port (port 0-65535), as {host, port}; else a ConfigException naming where. */
    public static String[] listen(String value, String where) {
        String[] listen = value.split(":");
        if (listen.length != 2 || listen[0].isEmpty()) {
            throw new ConfigException(where + ": must be host:port, e.g. 127.0.0.1:8080");
        }
        int port;
        try {
            port = Integer.parseInt(listen[1]);
        } catch (NumberFormatException e) {
            throw new ConfigException(where + ": the port must be a number");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException(where + ": the port must be 0-65535");
        }
        return listen;
    }

    /** The document bound to its records, or a ConfigException naming the JSON path that failed. */
    static ConfigDocument bind(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new ConfigException("config: must be a JSON object");
        }
        try {
            return MAPPER.treeToValue(root, ConfigDocument.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(where(e) + ": unknown setting");
        } catch (MismatchedInputException e) {
            throw new ConfigException(where(e) + ": must be " + Bodies.kind(e.getTargetType()));
        } catch (JsonProcessingException e) {
            throw new ConfigException("config: " + e.getOriginalMessage());
        }
    }

    private static String where(JsonMappingException e) {
        String path = Bodies.path(e);
        return path.isEmpty() ? "config" : "config." + path;
    }

    static ServiceConfig parse(JsonNode root, Path base) {
        ConfigDocument d = bind(root);
        String[] listen = listen(or(d.listen(), ServiceConfig.DEFAULT_HOST + ":" + ServiceConfig.DEFAULT_PORT),
                "config.listen");
        int port = Integer.parseInt(listen[1]);
        Path dataDir = base.resolve(or(d.dataDir(), "data")).normalize();
        String env = or(d.env(), "dev");
        ConfigTenants.checked("config.env", () -> northstar.domain.Identifiers.slug("env", env));
        URI publicBase = uri(or(d.publicBaseUrl(), "http://" + listen[0] + ":" + port));
        long maxJson = positive("max_json_body_bytes", d.maxJsonBodyBytes(), ServiceConfig.DEFAULT_MAX_JSON_BODY);
        long stop = positive("stop_timeout_seconds", d.stopTimeoutSeconds(), 30);
        long journalMax = positive("journal_max_bytes", d.journalMaxBytes(), ServiceConfig.Ingest.DEFAULT_JOURNAL_MAX_BYTES);
        if (journalMax < 1024 * 1024) {
            throw new ConfigException("config.journal_max_bytes: must be at least 1048576 (1 MiB)");
        }
        long requestMs = between("config.request_deadline_ms", d.requestDeadlineMs(),
                ServiceConfig.DEFAULT_REQUEST_DEADLINE.toMillis(), 100, 600_000);
        long deadlineMs = between("config.ingest_deadline_ms", d.ingestDeadlineMs(),
                ServiceConfig.Ingest.DEFAULT_DEADLINE.toMillis(), 1, 60_000);
        HttpApi.Limits limits = limits(d.limits());

        if (d.tenants() == null || d.tenants().isEmpty()) {
            throw new ConfigException("config.tenants: at least one tenant is required");
        }
        List<TenantConfig> tenants = new ArrayList<>();
        Map<String, List<Route>> tenantRoutes = new LinkedHashMap<>();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < d.tenants().size(); i++) {
            String where = "config.tenants[" + i + "]";
            ConfigDocument.Tenant t = ConfigTenants.required(where, d.tenants().get(i));
            TenantConfig tenant = ConfigTenants.tenant(t, where, hashes);
            if (tenants.stream().anyMatch(x -> x.tenantId().equals(tenant.tenantId()))) {
                throw new ConfigException(where + ".tenant_id: " + tenant.tenantId() + " is configured twice");
            }
            tenants.add(tenant);
            if (t.routes() != null) {
                tenantRoutes.put(tenant.tenantId(), ConfigTenants.routes(t.routes(), where + ".routes", "tenant " + tenant.tenantId()
                        + "'s own"));
            }
        }
        RoutingTable table;
        try {
            table = new RoutingTable(ConfigTenants.routes(d.routes(), "config.routes", "every tenant's default"), tenantRoutes);
        } catch (RouteConfigurationException e) {
            throw new ConfigException("config.routes: " + e.getMessage());
        }
        if (d.metricsListen() != null) {
            listen(d.metricsListen(), "config.metrics_listen");
        }
        String logFormat = or(d.logFormat(), "text");
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            throw new ConfigException("config.log_format: must be text or json");
        }
        return new ServiceConfig(listen[0], port, dataDir, env, publicBase, maxJson, Duration.ofSeconds(stop), tenants,
                table, new ServiceConfig.Ingest(journalMax, Duration.ofMillis(deadlineMs)), Duration.ofMillis(requestMs),
                limits, d.metricsListen(), logFormat);
    }

    /** The "limits" object: what one client can hold of the service; every field optional. */
    private static HttpApi.Limits limits(ConfigDocument.Limits l) {
        HttpApi.Limits d = HttpApi.Limits.DEFAULTS;
        if (l == null) {
            return d;
        }
        long uploads = between("config.limits.max_concurrent_uploads", l.maxConcurrentUploads(), d.maxUploads(), 1,
                10_000);
        long perTenant = between("config.limits.max_concurrent_uploads_per_tenant", l.maxConcurrentUploadsPerTenant(),
                d.maxUploadsPerTenant(), 1, uploads);
        long rate = between("config.limits.min_upload_bytes_per_second", l.minUploadBytesPerSecond(),
                d.minBytesPerSecond(), 0, 1L << 30);
        long window = between("config.limits.rate_window_ms", l.rateWindowMs(), d.rateWindow().toMillis(), 500, 600_000);
        long header = between("config.limits.header_timeout_ms", l.headerTimeoutMs(), d.headerTimeout().toMillis(), 500,
                600_000);
        long idle = between("config.limits.idle_timeout_ms", l.idleTimeoutMs(), d.idleTimeout().toMillis(), 1000,
                3_600_000);
        return new HttpApi.Limits((int) uploads, (int) perTenant, rate, Duration.ofMillis(window), Duration.ofMillis(header),
                Duration.ofMillis(idle));
    }

    static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static long positive(String field, Long value, long fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new ConfigException("config." + field + ": must be a positive integer");
        }
        return value;
    }

    private static long between(String where, Long value, long fallback, long min, long max) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw new ConfigException(where + ": must be an integer from " + min + " to " + max);
        }
        return value;
    }

    private static URI uri(String s) {
        try {
            URI u = URI.create(s);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("config.public_base_url: must be an http(s) URL");
        }
    }
}
