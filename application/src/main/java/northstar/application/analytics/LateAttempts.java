package northstar.application.analytics;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Deliveries still running after their caller was answered pending, tenant by tenant: the forwarder
 * delivers none of a tenant's journaled events while one of its late deliveries may still land, so
 * that they keep their order.
 */
final class LateAttempts {
    private final ConcurrentMap<String, Integer> byTenant = new ConcurrentHashMap<>();

    void started(String tenant) {
        byTenant.merge(tenant, 1, Integer::sum);
    }

    void ended(String tenant) {
        byTenant.computeIfPresent(tenant, (t, n) -> n <= 1 ? null : n - 1);
    }

    /** Counts work as a late attempt of the tenant until it completes (at once if it has). */
    void until(String tenant, CompletableFuture<?> work) {
        started(tenant); // before the end is hooked, so that the end always finds the count to take back
        work.whenComplete((v, t) -> ended(tenant));
    }

    boolean any(String tenant) {
        return byTenant.containsKey(tenant);
    }
}
