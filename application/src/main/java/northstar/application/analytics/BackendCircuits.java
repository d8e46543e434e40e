package northstar.application.analytics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Which backends are known to be down: after a failure, new events for them go to the journal at
 * once instead of waiting out a deadline each, and the forwarder tries them again after a backoff
 * (exponential, jittered) until one delivery succeeds, which closes the circuit. Keyed by the
 * backends an event's delivery needs (its analytics store and the tabular store of its gates).
 */
final class BackendCircuits {
    static final long FIRST_BACKOFF_NANOS = 100_000_000L;
    static final long MAX_BACKOFF_NANOS = 5_000_000_000L;

    private record State(int failures, long retryAt) {
    }

    private final ConcurrentMap<Object, State> open = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    BackendCircuits(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    boolean isOpen(Object backends) {
        return open.containsKey(backends);
    }

    /** Whether the forwarder may try these backends now (closed, or open and its backoff over). */
    boolean mayTry(Object backends) {
        State s = open.get(backends);
        return s == null || nanoClock.getAsLong() - s.retryAt() >= 0;
    }

    void failed(Object backends) {
        open.compute(backends, (k, s) -> {
            int failures = s == null ? 1 : s.failures() + 1;
            long ceiling = Math.min(MAX_BACKOFF_NANOS, FIRST_BACKOFF_NANOS << Math.min(failures - 1, 20));
            return new State(failures, nanoClock.getAsLong() + ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        });
    }

    void succeeded(Object backends) {
        open.remove(backends);
    }
}
