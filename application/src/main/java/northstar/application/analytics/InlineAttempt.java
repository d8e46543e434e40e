package northstar.application.analytics;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import northstar.domain.CallerDeadline;
import northstar.domain.DeadlineWatch;

/**
 * A delivery on its caller's own thread, for stores whose every wait goes through
 * {@link CallerDeadline#await} (the embedded SQLite store): no thread of its own, no hand-off. At
 * the deadline the wait the caller is in ends with a TimeoutException, and so does any wait it
 * begins after; the work waited for goes on (a write still queued for the group commit), counted as
 * a late attempt of the tenant until it ends, as a handed-off delivery that outlives its deadline is.
 */
final class InlineAttempt extends CallerDeadline implements DeadlineWatch.Expiring {
    /** The deadline's end of a wait: told apart from a failure of the work itself. */
    static final class Expired extends TimeoutException {
        Expired() {
            super("the caller's deadline passed");
        }
    }

    private final String tenant;
    private final LateAttempts late;
    private final long deadline;
    private volatile boolean expired;
    private volatile boolean finished;
    private volatile CompletableFuture<?> waiting;

    private InlineAttempt(String tenant, LateAttempts late, long deadline) {
        this.tenant = tenant;
        this.late = late;
        this.deadline = deadline;
    }

    /** An attempt whose deadline the watch's length from now is; {@link #finish} it when the delivery returns. */
    static InlineAttempt start(String tenant, LateAttempts late, DeadlineWatch watch) {
        InlineAttempt a = new InlineAttempt(tenant, late, System.nanoTime() + watch.lengthNanos());
        watch.watch(a, a.deadline);
        return a;
    }

    /** The delivery has returned: the watch lets go of it. */
    void finish() {
        finished = true;
    }

    @Override
    protected <T> T within(CompletableFuture<T> work) throws InterruptedException, ExecutionException,
            TimeoutException {
        if (work.isDone()) {
            return work.get();
        }
        if (expired) {
            late.until(tenant, work);
            throw new Expired();
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        work.whenComplete((v, t) -> {
            if (t == null) {
                answer.complete(v);
            } else {
                answer.completeExceptionally(t);
            }
        });
        waiting = answer;
        if (expired) { // expire() may have looked before this wait was published
            answer.completeExceptionally(new Expired());
        }
        try {
            return answer.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Expired timeout) {
                late.until(tenant, work);
                throw timeout;
            }
            throw e;
        } catch (InterruptedException e) {
            late.until(tenant, work); // the work goes on without its caller all the same
            throw e;
        } finally {
            waiting = null;
        }
    }

    @Override
    protected long remaining() {
        return expired ? 0 : deadline - System.nanoTime();
    }

    @Override
    public boolean isDone() {
        return finished || expired;
    }

    @Override
    public void expire() {
        expired = true;
        CompletableFuture<?> w = waiting;
        if (w != null) {
            w.completeExceptionally(new Expired());
        }
    }
}
