package northstar.adapters.persistence.firestore;

import com.google.api.core.ApiFuture;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import northstar.domain.DeadlineWatch;
import northstar.domain.StoreException;

/**
 * The route's deadline on every Firestore call of a store: a call not answered within it is cancelled
 * and fails as UNAVAILABLE (retryable). One {@link DeadlineWatch} per store ends the late calls, and
 * the caller waits for its answer without a timeout: a timed wait on a virtual thread schedules and
 * cancels a timer on every call, which was a tenth of the adapter's CPU per get of an item
 * (docs/BENCHMARKS.md, benchmark 8).
 */
final class FirestoreDeadline implements AutoCloseable {
    private final DeadlineWatch watch;

    FirestoreDeadline(String name, Duration length) {
        this.watch = new DeadlineWatch("northstar-firestore-" + name + "-deadlines", length);
    }

    /** The call's answer, within the deadline; the client's failures become portable errors. */
    <T> T await(String operation, ApiFuture<T> future) {
        if (!future.isDone()) {
            watch.watch(future);
        }
        try {
            return future.get();
        } catch (CancellationException e) { // only the watch cancels a call: an interrupted wait ends below
            throw StoreException.unavailable(FirestoreErrors.BACKEND, operation + ": Firestore did not answer within "
                    + watch.lengthNanos() / 1_000_000 + " ms", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw StoreException.unavailable(FirestoreErrors.BACKEND, operation + " interrupted", e);
        } catch (ExecutionException e) {
            throw FirestoreErrors.failure(operation, e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            throw FirestoreErrors.failure(operation, e);
        }
    }

    /** Ends every call still waiting, as if its deadline had passed. */
    @Override
    public void close() {
        watch.close();
    }
}
