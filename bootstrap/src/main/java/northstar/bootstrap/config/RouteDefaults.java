package northstar.bootstrap.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;

/**
 * Completes the embedded backends' routes from the service configuration (never from the
 * environment): relative sqlite paths and filesystem roots live under the data directory, and a
 * filesystem route signs its presigned URLs for this service's public URL with a secret kept in the
 * data directory, unless its config names both.
 */
public final class RouteDefaults {
    private RouteDefaults() {
    }

    public static RoutingTable complete(ServiceConfig config) {
        RoutingTable t = config.routes();
        List<Route> defaults = new ArrayList<>();
        for (ResourceKind k : ResourceKind.values()) {
            Route r = t.defaults().get(k);
            if (r != null) {
                defaults.add(complete(r, config));
            }
        }
        Map<String, List<Route>> perTenant = new HashMap<>();
        for (String tenant : t.tenantsWithRoutes()) {
            perTenant.put(tenant, t.tenantRoutes(tenant).values().stream().map(r -> complete(r, config)).toList());
        }
        return new RoutingTable(defaults, perTenant);
    }

    /**
     * The route as its settings will be parsed, with what {@link #complete} adds stood in for by
     * well-formed placeholders: the config file is checked before the data directory is touched.
     */
    public static Route placeholders(Route r) {
        if (!r.backendType().equals("filesystem")) {
            return r;
        }
        Map<String, String> c = new LinkedHashMap<>(r.config());
        c.putIfAbsent("public_base_url", "http://127.0.0.1:1");
        c.putIfAbsent("presign_secret", "00".repeat(32));
        return new Route(r.resourceKind(), r.backendType(), c);
    }

    private static Route complete(Route r, ServiceConfig config) {
        Map<String, String> c = new LinkedHashMap<>(r.config());
        Path data = config.dataDir();
        switch (r.backendType()) {
            case "sqlite" -> c.computeIfPresent("path", (k, v) -> data.resolve(v).normalize().toString());
            case "filesystem" -> {
                c.computeIfPresent("root", (k, v) -> data.resolve(v).normalize().toString());
                c.putIfAbsent("public_base_url", config.publicBaseUrl().toString());
                if (!c.containsKey("presign_secret")) {
                    c.put("presign_secret", Secrets.fileSecret(data.resolve("presign.secret")));
                }
            }
            default -> {
            }
        }
        return new Route(r.resourceKind(), r.backendType(), c);
    }
}
