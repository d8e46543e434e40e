package northstar.bootstrap.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import northstar.domain.Mode;
import northstar.domain.StoreException;
import northstar.adapters.http.HttpApi;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.domain.routing.RoutingTable;

/**
 * Reads the configuration file (JSON). Unknown fields are errors, so a misspelt setting never
 * silently falls back to a default; every error names its field.
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
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> TOP = Set.of("listen", "data_dir", "env", "public_base_url",
            "max_json_body_bytes", "stop_timeout_seconds", "journal_max_bytes", "ingest_deadline_ms", "request_deadline_ms", "limits", "tenants", "routes", "metrics_listen", "log_format");
    private static final Set<String> LIMITS = Set.of("max_concurrent_uploads", "max_concurrent_uploads_per_tenant",
            "min_upload_bytes_per_second", "rate_window_ms", "header_timeout_ms", "idle_timeout_ms");
    private static final Set<String> TENANT = Set.of("tenant_id", "mode", "project_id", "api_keys", "routes",
            "attribution");
    private static final Set<String> ATTRIBUTION = Set.of("unknown_source");
    private static final Set<String> KEY = Set.of("name", "sha256", "admin", "projects");
    private static final Set<String> ROUTE = Set.of("resource_kind", "backend_type", "config");

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

    static ServiceConfig parse(JsonNode root, Path base) {
        object(root, "config", TOP);
        String[] listen = listen(text(root, "listen", ServiceConfig.DEFAULT_HOST + ":" + ServiceConfig.DEFAULT_PORT),
                "config.listen");
        int port = Integer.parseInt(listen[1]);
        Path dataDir = base.resolve(text(root, "data_dir", "data")).normalize();
        String env = text(root, "env", "dev");
        try {
            northstar.domain.Identifiers.slug("env", env);
        } catch (StoreException e) {
            throw new ConfigException("config.env: " + e.getMessage());
        }
        URI publicBase = uri(text(root, "public_base_url", "http://" + listen[0] + ":" + port));
        long maxJson = number(root, "max_json_body_bytes", ServiceConfig.DEFAULT_MAX_JSON_BODY);
        long stop = number(root, "stop_timeout_seconds", 30);
        long journalMax = number(root, "journal_max_bytes", ServiceConfig.Ingest.DEFAULT_JOURNAL_MAX_BYTES);
        if (journalMax < 1024 * 1024) {
            throw new ConfigException("config.journal_max_bytes: must be at least 1048576 (1 MiB)");
        }
        long requestMs = number(root, "request_deadline_ms", ServiceConfig.DEFAULT_REQUEST_DEADLINE.toMillis());
        if (requestMs < 100 || requestMs > 600_000) {
            throw new ConfigException("config.request_deadline_ms: must be 100 to 600000");
        }
        long deadlineMs = number(root, "ingest_deadline_ms", ServiceConfig.Ingest.DEFAULT_DEADLINE.toMillis());
        if (deadlineMs < 1 || deadlineMs > 60_000) {
            throw new ConfigException("config.ingest_deadline_ms: must be 1 to 60000");
        }

        HttpApi.Limits limits = limits(root.get("limits"));

        List<TenantConfig> tenants = new ArrayList<>();
        Map<String, List<Route>> tenantRoutes = new LinkedHashMap<>();
        JsonNode tenantsNode = root.get("tenants");
        if (tenantsNode == null || !tenantsNode.isArray() || tenantsNode.isEmpty()) {
            throw new ConfigException("config.tenants: at least one tenant is required");
        }
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < tenantsNode.size(); i++) {
            String where = "config.tenants[" + i + "]";
            JsonNode t = tenantsNode.get(i);
            object(t, where, TENANT);
            TenantConfig tenant = tenant(t, where, hashes);
            if (tenants.stream().anyMatch(x -> x.tenantId().equals(tenant.tenantId()))) {
                throw new ConfigException(where + ".tenant_id: " + tenant.tenantId() + " is configured twice");
            }
            tenants.add(tenant);
            if (t.has("routes")) {
                tenantRoutes.put(tenant.tenantId(), routes(t.get("routes"), where + ".routes", "tenant " + tenant.tenantId()
                        + "'s own"));
            }
        }
        RoutingTable table;
        try {
            table = new RoutingTable(routes(root.get("routes"), "config.routes", "every tenant's default"), tenantRoutes);
        } catch (RouteConfigurationException e) {
            throw new ConfigException("config.routes: " + e.getMessage());
        }
        String metricsListen = text(root, "metrics_listen", null);
        if (metricsListen != null) {
            listen(metricsListen, "config.metrics_listen");
        }
        String logFormat = text(root, "log_format", "text");
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            throw new ConfigException("config.log_format: must be text or json");
        }
        return new ServiceConfig(listen[0], port, dataDir, env, publicBase, maxJson, Duration.ofSeconds(stop), tenants,
                table, new ServiceConfig.Ingest(journalMax, Duration.ofMillis(deadlineMs)), Duration.ofMillis(requestMs),
                limits, metricsListen, logFormat);
    }

    /** A key's "projects": the projects it may act in, as a non-empty array of project ids; absent: any. */
    private static List<String> projects(JsonNode node, String where) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new ConfigException(where + ": must be a non-empty array of project ids");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode p : node) {
            if (!p.isTextual()) {
                throw new ConfigException(where + ": must be a non-empty array of project ids");
            }
            try {
                out.add(northstar.domain.Identifiers.id("project_id", p.textValue()));
            } catch (StoreException e) {
                throw new ConfigException(where + ": " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * A tenant's "attribution": {"unknown_source": "accept" | "reject"}. Accept (the default) stores an
     * event whose utm_source no contract fixes, unvalidated; reject refuses it as gatechainerror.
     */
    private static boolean rejectsUnknownSources(JsonNode node, String where) {
        if (node == null) {
            return false;
        }
        object(node, where + ".attribution", ATTRIBUTION);
        JsonNode v = node.get("unknown_source");
        if (v == null) {
            return false;
        }
        if (!v.isTextual() || !(v.textValue().equals("accept") || v.textValue().equals("reject"))) {
            throw new ConfigException(where + ".attribution.unknown_source: must be \"accept\" or \"reject\"");
        }
        return v.textValue().equals("reject");
    }

    /** The "limits" object: what one client can hold of the service; every field optional. */
    private static HttpApi.Limits limits(JsonNode node) {
        HttpApi.Limits d = HttpApi.Limits.DEFAULTS;
        if (node == null) {
            return d;
        }
        String where = "config.limits";
        object(node, where, LIMITS);
        long uploads = bounded(node, where, "max_concurrent_uploads", d.maxUploads(), 1, 10_000);
        long perTenant = bounded(node, where, "max_concurrent_uploads_per_tenant", d.maxUploadsPerTenant(), 1, uploads);
        long rate = bounded(node, where, "min_upload_bytes_per_second", d.minBytesPerSecond(), 0, 1L << 30);
        long window = bounded(node, where, "rate_window_ms", d.rateWindow().toMillis(), 500, 600_000);
        long header = bounded(node, where, "header_timeout_ms", d.headerTimeout().toMillis(), 500, 600_000);
        long idle = bounded(node, where, "idle_timeout_ms", d.idleTimeout().toMillis(), 1000, 3_600_000);
        return new HttpApi.Limits((int) uploads, (int) perTenant, rate, Duration.ofMillis(window), Duration.ofMillis(header),
                Duration.ofMillis(idle));
    }

    private static long bounded(JsonNode node, String where, String field, long fallback, long min, long max) {
        JsonNode v = node.get(field);
        if (v == null) {
            return fallback;
        }
        if (!v.isIntegralNumber() || v.longValue() < min || v.longValue() > max) {
            throw new ConfigException(where + "." + field + ": must be an integer from " + min + " to " + max);
        }
        return v.longValue();
    }

    private static TenantConfig tenant(JsonNode t, String where, Set<String> hashes) {
        String id = required(t, where + ".tenant_id", "tenant_id");
        try {
            northstar.domain.Identifiers.slug("tenant_id", id);
        } catch (StoreException e) {
            throw new ConfigException(where + ".tenant_id: " + e.getMessage());
        }
        Mode mode;
        try {
            mode = Mode.fromWire("mode", required(t, where + ".mode", "mode"));
        } catch (StoreException e) {
            throw new ConfigException(where + ".mode: must be one of lab, saas, enterprise");
        }
        String project = text(t, "project_id", "default");
        List<ApiKeyConfig> keys = new ArrayList<>();
        JsonNode keysNode = t.get("api_keys");
        if (keysNode != null && !keysNode.isArray()) {
            throw new ConfigException(where + ".api_keys: must be an array");
        }
        if (keysNode != null) {
            for (int k = 0; k < keysNode.size(); k++) {
                String kw = where + ".api_keys[" + k + "]";
                JsonNode key = keysNode.get(k);
                object(key, kw, KEY);
                String sha = required(key, kw + ".sha256", "sha256").toLowerCase(java.util.Locale.ROOT);
                if (!sha.matches("[0-9a-f]{64}")) {
                    throw new ConfigException(kw + ".sha256: must be the 64 hex digits of the key's SHA-256 (never the key)");
                }
                if (!hashes.add(sha)) {
                    throw new ConfigException(kw + ".sha256: the same key is configured twice");
                }
                JsonNode admin = key.get("admin");
                if (admin != null && !admin.isBoolean()) {
                    throw new ConfigException(kw + ".admin: must be true or false");
                }
                keys.add(new ApiKeyConfig(text(key, "name", "key-" + k), sha, admin != null && admin.booleanValue(),
                        projects(key.get("projects"), kw + ".projects")));
            }
        }
        return new TenantConfig(id, mode, project, keys, rejectsUnknownSources(t.get("attribution"), where));
    }

    /** @param whose whose routes these are, for messages: a tenant's own, or every tenant's default */
    private static List<Route> routes(JsonNode node, String where, String whose) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ConfigException(where + ": must be an array of {resource_kind, backend_type, config}");
        }
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String rw = where + "[" + i + "]";
            JsonNode r = node.get(i);
            object(r, rw, ROUTE);
            String kind = required(r, rw + ".resource_kind", "resource_kind");
            ResourceKind rk = ResourceKind.fromWire(kind).orElseThrow(() -> new ConfigException(rw
                    + ".resource_kind: " + kind + " is not one of analytics_store, tabular_store, object_store"));
            String type = required(r, rw + ".backend_type", "backend_type");
            Map<String, String> config = new LinkedHashMap<>();
            JsonNode c = r.get("config");
            if (c != null) {
                if (!c.isObject()) {
                    throw new ConfigException(rw + ".config: must be an object");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                        throw new ConfigException(rw + ".config." + e.getKey() + ": must be a string, number or boolean");
                    }
                    config.put(e.getKey(), e.getValue().asText());
                }
            }
            Route route = new Route(rk, type, config);
            // the backend's own settings parse, as it will run at startup, on what the embedded defaults complete
            String problem = northstar.bootstrap.BackendTypes.settingsProblem(RouteDefaults.placeholders(route))
                    .orElse(null);
            if (problem != null) {
                int space = problem.indexOf(' ');
                String about = " [" + whose + " " + route.describe() + "]";
                throw new ConfigException((problem.startsWith("config.") && space > 0
                        ? rw + "." + problem.substring(0, space) + ": " + problem.substring(space + 1)
                        : rw + ": " + problem) + about);
            }
            routes.add(route);
        }
        return routes;
    }

    private static void object(JsonNode node, String where, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new ConfigException(where + ": must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new ConfigException(where + "." + f + ": unknown setting");
            }
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new ConfigException("config." + field + ": must be a string");
        }
        return v.textValue();
    }

    private static String required(JsonNode node, String where, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.textValue().isBlank()) {
            throw new ConfigException(where + ": is required (a string)");
        }
        return v.textValue();
    }

    private static long number(JsonNode node, String field, long fallback) {
        JsonNode v = node.get(field);
        if (v == null) {
            return fallback;
        }
        if (!v.isIntegralNumber() || v.longValue() < 1) {
            throw new ConfigException("config." + field + ": must be a positive integer");
        }
        return v.longValue();
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
