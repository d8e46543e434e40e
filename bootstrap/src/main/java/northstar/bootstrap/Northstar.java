package northstar.bootstrap;

import java.time.Clock;
import java.util.Collection;
import northstar.application.UseCases;
import northstar.application.routing.BackendCatalog;
import northstar.application.routing.StoreRouter;
import northstar.domain.routing.RoutingTable;

/**
 * The embedding entry point: Northstar Stores in-process, as the agent monolith uses it. Builds
 * every routed adapter once (failing before anything serves when a route cannot be served) and the
 * use cases over them. Close it to release the adapters.
 */
public final class Northstar implements AutoCloseable {
    private final StoreRouter router;
    private final UseCases useCases;

    private Northstar(StoreRouter router, UseCases useCases) {
        this.router = router;
        this.useCases = useCases;
    }

    /** Northstar over these routes and the backends this build knows, for these tenants. */
    public static Northstar embedded(RoutingTable routes, Collection<String> tenants, Clock clock) {
        return embedded(routes, tenants, BackendTypes.catalog(clock), clock);
    }

    public static Northstar embedded(RoutingTable routes, Collection<String> tenants, BackendCatalog catalog,
                                     Clock clock) {
        StoreRouter router = new StoreRouter(routes, catalog);
        try {
            router.requireCompleteFor(tenants);
        } catch (RuntimeException e) {
            router.close();
            throw e;
        }
        return new Northstar(router, UseCases.over(router, clock));
    }

    public UseCases useCases() {
        return useCases;
    }

    public StoreRouter router() {
        return router;
    }

    @Override
    public void close() {
        router.close();
    }
}
