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
    private final Duration length;
    private final DeadlineWatch watch;

    FirestoreDeadline(String name, Duration length) {
        this.length = length;
        this.watch = new DeadlineWatch("northstar-firestore-" + name + "-deadlines", length);
    }

    /** A call in flight, which the watch cancels once the deadline has passed unanswered. */
    private static final class Call implements DeadlineWatch.Expiring {
        private final ApiFuture<?> future;
        private volatile boolean expired;

        Call(ApiFuture<?> future) {
            this.future = future;
        }

        @Override
        public boolean isDone() {
            return future.isDone();
        }

        @Override
        public void expire() {
            expired = true;
            future.cancel(true);
        }
    }

    /** The call's answer, within the deadline; the client's failures become portable errors. */
    <T> T await(String operation, ApiFuture<T> future) {
        Call call = new Call(future);
        if (!future.isDone()) {
            watch.watch(call);
        }
        try {
            return future.get();
        } catch (CancellationException e) {
            throw StoreException.unavailable(FirestoreErrors.BACKEND, operation + (call.expired
                    ? ": Firestore did not answer within " + length.toMillis() + " ms" : " was cancelled"), e);
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
