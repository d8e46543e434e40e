package northstar.application.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import northstar.domain.Backend;
import northstar.domain.ErrorCode;
import northstar.domain.Mode;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.Telemetry;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.objects.ObjectStore;
import northstar.domain.objects.SelfSignedUploads;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.domain.routing.RoutingTable;
import northstar.domain.tabular.TabularStore;

/**
 * Resolves the adapter serving each resource kind for a caller, from the routing table alone.
 * Every distinct route's adapter is built once, when the router is built (so an unknown backend
 * type or a malformed config fails before anything serves), and shared by all calls. A call whose
 * tenant has no route for a kind fails hard (INTERNAL, naming the kind): there is no fallback.
 */
public final class StoreRouter implements AutoCloseable {
    private static final Map<ResourceKind, Class<? extends Backend>> PORTS = Map.of(
            ResourceKind.ANALYTICS_STORE, AnalyticsStore.class,
            ResourceKind.TABULAR_STORE, TabularStore.class,
            ResourceKind.OBJECT_STORE, ObjectStore.class);

    private final RoutingTable table;
    private final Map<Route, Backend> adapters = new LinkedHashMap<>();
    /** What the use cases call: the adapters, timed and traced when telemetry is on. */
    private final Map<Route, Backend> served = new LinkedHashMap<>();
    private final Telemetry telemetry;

    public StoreRouter(RoutingTable table, BackendCatalog catalog) {
        this(table, catalog, Telemetry.NONE);
    }

    public StoreRouter(RoutingTable table, BackendCatalog catalog, Telemetry telemetry) {
        this.table = table;
        this.telemetry = telemetry;
        try {
            for (Route route : table.allRoutes()) {
                Backend adapter = catalog.create(route);
                adapters.put(route, adapter);
                if (!PORTS.get(route.resourceKind()).isInstance(adapter)) {
                    throw new RouteConfigurationException(route.describe() + " built a "
                            + adapter.getClass().getSimpleName() + ", which does not serve that kind");
                }
                served.put(route, telemetry == Telemetry.NONE ? adapter : Metered.wrap(adapter, route, telemetry));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Checks that each of these tenants has a route for every kind, so a missing route stops the
     * process at startup instead of failing its first call.
     */
    public void requireCompleteFor(Collection<String> tenantIds) {
        for (String tenant : tenantIds) {
            for (ResourceKind kind : ResourceKind.values()) {
                table.require(kind, tenant);
            }
        }
    }

    public Routed<AnalyticsStore> analytics(RequestContext ctx) {
        return resolve(ResourceKind.ANALYTICS_STORE, ctx, AnalyticsStore.class);
    }

    public Routed<TabularStore> tabular(RequestContext ctx) {
        return resolve(ResourceKind.TABULAR_STORE, ctx, TabularStore.class);
    }

    public Routed<ObjectStore> objects(RequestContext ctx) {
        return resolve(ResourceKind.OBJECT_STORE, ctx, ObjectStore.class);
    }

    /** Where each kind may go instead of a lab-only backend. */
    private static final Map<ResourceKind, String> CLOUD = Map.of(ResourceKind.ANALYTICS_STORE,
            "dynamodb, cosmos or firestore", ResourceKind.TABULAR_STORE, "dynamodb, cosmos or firestore",
            ResourceKind.OBJECT_STORE, "s3, azure_blob or gcs");

    /**
     * The kind's adapter for this caller. A backend on local disk (SQLite, the filesystem store) serves
     * lab tenants only: a saas or enterprise caller is refused on every call, whatever the routes say
     * (startup refuses such routes too; this holds for contexts the library builds by hand).
     */
    private <T extends Backend> Routed<T> resolve(ResourceKind kind, RequestContext ctx, Class<T> port) {
        String tenantId = ctx.tenantId();
        Route route = table.routeFor(kind, tenantId).orElseThrow(() -> new StoreException(ErrorCode.INTERNAL,
                "no route for resource kind " + kind.wireName() + " (tenant " + tenantId + ")"));
        Backend adapter = served.get(route);
        if (adapter.labOnly() && ctx.mode() != Mode.LAB) {
            throw new StoreException(ErrorCode.PERMISSION_DENIED, "the " + route.backendType() + " "
                    + kind.wireName() + " serves lab mode only; tenant " + tenantId + " runs in " + ctx.mode().wireName()
                    + " mode: route its " + kind.wireName() + " to " + CLOUD.get(kind));
        }
        return new Routed<>(route, port.cast(adapter));
    }

    /**
     * The caller's object store as the verifier of its own presigned uploads, when its URLs point back
     * at this service (the filesystem store's); empty when they point at a cloud.
     */
    public java.util.Optional<SelfSignedUploads> selfSignedUploads(RequestContext ctx) {
        Route route = objects(ctx).route();
        return adapters.get(route) instanceof SelfSignedUploads s ? java.util.Optional.of(s) : java.util.Optional.empty();
    }

    /** Every routed adapter by its route, for readiness probes. */
    public Map<Route, Backend> backends() {
        return Map.copyOf(adapters);
    }

    /** What the use cases report of themselves (Telemetry.NONE unless bootstrap binds one). */
    public Telemetry telemetry() {
        return telemetry;
    }

    public RoutingTable table() {
        return table;
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (Backend b : adapters.values()) {
            try {
                b.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        adapters.clear();
        served.clear();
        if (!failures.isEmpty()) {
            RuntimeException first = failures.getFirst();
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }
}
