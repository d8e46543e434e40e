package northstar.domain;

/**
 * What every port implementation has in common: the backend type it was routed as, a readiness
 * probe and a close that releases its clients. An adapter is built once per route and shared by
 * all calls, so implementations are thread-safe.
 */
public interface Backend extends AutoCloseable {
    /** The route's backend_type this adapter serves, e.g. {@code sqlite}, {@code s3}. */
    String backendType();

    /**
     * Whether this backend may serve only lab-mode tenants (the filesystem object store). The
     * use cases refuse a lab-only backend to saas and enterprise callers with PERMISSION_DENIED.
     */
    default boolean labOnly() {
        return false;
    }

    /** Answers when the backend is reachable; throws UNAVAILABLE otherwise. Cheap, no writes. */
    void probe();

    /** Releases clients, connections and threads. Idempotent. */
    @Override
    void close();
}
