package northstar.domain;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The deadline of one attempt at a call, carried on the caller's own thread to the stores it calls,
 * so that a store whose every wait is a future (the embedded SQLite store waits for its group
 * commit and for a free reader, nothing else) can be called without a thread of its own per call:
 * the store waits through {@link #await}, which ends at the caller's deadline with a
 * {@link TimeoutException} while the work goes on. The deadline's owner learns of such work (a write
 * still queued when its caller gave up) and of its end; see {@link Backend#waitsWithinCallerDeadline}.
 *
 * <p>Without a deadline carried on the thread, {@link #await} waits as long as the work takes.
 */
public abstract class CallerDeadline {
    private static final ScopedValue<CallerDeadline> CURRENT = ScopedValue.newInstance();

    /** Runs work on this thread with this deadline carried to every store it calls on it. */
    public final <T, X extends Throwable> T carry(ScopedValue.CallableOp<? extends T, X> work) throws X {
        return ScopedValue.where(CURRENT, this).call(work);
    }

    /**
     * Waits for work: its value, its failure (as {@link ExecutionException}), or, once the deadline
     * carried on this thread has passed, a {@link TimeoutException}. Work that outlives its wait goes
     * on, and the deadline's owner counts it until it ends; so does work whose wait is interrupted.
     */
    public static <T> T await(CompletableFuture<T> work) throws InterruptedException, ExecutionException,
            TimeoutException {
        if (!CURRENT.isBound()) {
            return work.get();
        }
        return CURRENT.get().within(work);
    }

    /** Nanoseconds left of the deadline carried on this thread (0 once passed), or Long.MAX_VALUE without one. */
    public static long remainingNanos() {
        return CURRENT.isBound() ? Math.max(0, CURRENT.get().remaining()) : Long.MAX_VALUE;
    }

    /** The wait of {@link #await} under this deadline. */
    protected abstract <T> T within(CompletableFuture<T> work) throws InterruptedException, ExecutionException,
            TimeoutException;

    /** Nanoseconds left, at most 0 once passed. */
    protected abstract long remaining();
}
