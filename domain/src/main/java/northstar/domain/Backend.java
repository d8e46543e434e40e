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

    /**
     * Whether every wait of this backend's calls that can outlast a caller's deadline is a future
     * waited through {@link CallerDeadline#await} (or bounded by {@link CallerDeadline#remainingNanos}):
     * then a caller with a deadline may call it on its own thread, and the deadline ends its waits.
     * Otherwise (a network client's blocking call, a wrapper that may block) a caller that must be
     * answered at its deadline calls it on a thread of its own.
     */
    default boolean waitsWithinCallerDeadline() {
        return false;
    }

    /** Answers when the backend is reachable; throws UNAVAILABLE otherwise. Cheap, no writes. */
    void probe();

    /** Releases clients, connections and threads. Idempotent. */
    @Override
    void close();
}
