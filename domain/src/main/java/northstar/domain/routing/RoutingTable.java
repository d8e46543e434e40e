package northstar.domain.routing;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import northstar.domain.Identifiers;

/**
 * The routing registry: the one source of truth for which backend serves each resource kind, with
 * optional per-tenant routes that override a kind's default route for one tenant (an enterprise
 * tenant bringing its own bucket). At most one route per kind at each level.
 */
public final class RoutingTable {
    private final Map<ResourceKind, Route> defaults = new EnumMap<>(ResourceKind.class);
    private final Map<String, Map<ResourceKind, Route>> perTenant = new HashMap<>();

    public RoutingTable(List<Route> defaultRoutes, Map<String, List<Route>> tenantRoutes) {
        for (Route r : defaultRoutes) {
            put(defaults, r, "default routes");
        }
        tenantRoutes.forEach((tenant, routes) -> {
            Identifiers.slug("tenant_id", tenant);
            Map<ResourceKind, Route> m = perTenant.computeIfAbsent(tenant, t -> new EnumMap<>(ResourceKind.class));
            for (Route r : routes) {
                put(m, r, "routes of tenant " + tenant);
            }
        });
    }

    public static RoutingTable of(Route... defaultRoutes) {
        return new RoutingTable(List.of(defaultRoutes), Map.of());
    }

    private static void put(Map<ResourceKind, Route> m, Route r, String where) {
        if (m.putIfAbsent(r.resourceKind(), r) != null) {
            throw new RouteConfigurationException(where + " name " + r.resourceKind().wireName() + " twice");
        }
    }

    /** The route serving a kind for a tenant: the tenant's own, else the default. */
    public Optional<Route> routeFor(ResourceKind kind, String tenantId) {
        Map<ResourceKind, Route> own = perTenant.get(tenantId);
        if (own != null && own.containsKey(kind)) {
            return Optional.of(own.get(kind));
        }
        return Optional.ofNullable(defaults.get(kind));
    }

    /** The route for a kind, or a hard failure naming the kind and tenant. */
    public Route require(ResourceKind kind, String tenantId) {
        return routeFor(kind, tenantId).orElseThrow(() -> new RouteConfigurationException(
                "no route for resource kind " + kind.wireName() + " (tenant " + tenantId + ")"));
    }

    public Map<ResourceKind, Route> defaults() {
        return Map.copyOf(defaults);
    }

    public Map<ResourceKind, Route> tenantRoutes(String tenantId) {
        return Map.copyOf(perTenant.getOrDefault(tenantId, Map.of()));
    }

    public Set<String> tenantsWithRoutes() {
        return new TreeSet<>(perTenant.keySet());
    }

    /** Every distinct route, defaults first. */
    public List<Route> allRoutes() {
        java.util.LinkedHashSet<Route> all = new java.util.LinkedHashSet<>(defaults.values());
        perTenant.values().forEach(m -> all.addAll(m.values()));
        return List.copyOf(all);
    }
}
