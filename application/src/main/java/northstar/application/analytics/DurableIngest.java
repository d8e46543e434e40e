package northstar.application.analytics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import northstar.application.insight.Rollups;
import northstar.application.routing.StoreRouter;
import northstar.domain.Backend;
import northstar.domain.DeadlineWatch;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.analytics.AcceptedEvent;
import northstar.domain.analytics.IngestJournal;

/**
 * Ingest that never loses an accepted event. A delivery that fails retryably or does not finish
 * within the ingest deadline is written to the journal (durable before the answer) and answered as
 * pending; so is every event of a tenant that already has journaled events (they keep their order)
 * and of backends known to be down (no deadline waited for each). The forwarder delivers them later.
 * A delivery to the embedded store runs on its caller's thread, which the deadline frees from the
 * store's waits ({@link InlineAttempt}); one to a network backend runs on a thread of its own, which
 * the caller leaves at the deadline. Without a journal (an embedding that configured none), delivery
 * failures reach the caller.
 */
public final class DurableIngest implements AutoCloseable {
    private final EventDelivery delivery;
    private final StoreRouter router;
    private final IngestJournal journal;
    private final Duration deadline;
    private final BackendCircuits circuits = new BackendCircuits(System::nanoTime);
    private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();
    /** Attempts still running after their caller was answered pending: the forwarder waits for them. */
    private final LateAttempts lateAttempts = new LateAttempts();
    /** One watch per deadline length in use (the ingest's, the forwarder's). */
    private final ConcurrentMap<Duration, DeadlineWatch> watches = new ConcurrentHashMap<>();

    private final Rollups rollups;

    DurableIngest(EventDelivery delivery, StoreRouter router, IngestJournal journal, Duration deadline,
                  Rollups rollups) {
        this.delivery = delivery;
        this.rollups = rollups;
        this.router = router;
        this.journal = journal;
        this.deadline = deadline;
    }

    List<BatchItemResult> accept(RequestContext ctx, List<AcceptedEvent> events) {
        if (journal == null) {
            return delivery.deliver(ctx, events);
        }
        List<Backend> backends = backendsOf(ctx);
        if (circuits.isOpen(backends) || journal.holds(ctx.tenantId())) {
            return journaled(ctx, events);
        }
        try {
            return attempt(ctx, events, deadline, inline(backends));
        } catch (StoreException e) {
            if (!e.retryable()) {
                throw e;
            }
            circuits.failed(backends);
            return journaled(ctx, events);
        } catch (TimeoutException e) {
            circuits.failed(backends);
            return journaled(ctx, events);
        }
    }

    /**
     * One delivery within a deadline; past it the delivery goes on, counted, and the caller moves on
     * with a TimeoutException or, from a store that waits within the caller's deadline, a retryable
     * StoreException.
     */
    List<BatchItemResult> attempt(RequestContext ctx, List<AcceptedEvent> events, Duration deadline)
            throws TimeoutException {
        return attempt(ctx, events, deadline, inline(backendsOf(ctx)));
    }

    /**
     * Whether a delivery to these backends runs on its caller's thread: when every wait of theirs
     * ends at the caller's deadline (the embedded store). Otherwise it is handed to a thread of its
     * own, which the caller leaves at the deadline: a network call cannot be ended from outside, and
     * its round trip dwarfs the hand-off.
     */
    static boolean inline(List<Backend> backends) {
        for (Backend b : backends) {
            if (!b.waitsWithinCallerDeadline()) {
                return false;
            }
        }
        return true;
    }

    private static DeadlineWatch watch(Duration deadline) {
        return new DeadlineWatch("northstar-ingest-deadlines", deadline);
    }

    private List<BatchItemResult> attempt(RequestContext ctx, List<AcceptedEvent> events, Duration deadline,
                                          boolean inline) throws TimeoutException {
        if (inline) {
            InlineAttempt a = InlineAttempt.start(ctx.tenantId(), lateAttempts,
                    watches.computeIfAbsent(deadline, DurableIngest::watch));
            try {
                return a.carry(() -> delivery.deliver(ctx, events));
            } finally {
                a.finish();
            }
        }
        AtomicInteger late = new AtomicInteger();
        String tenant = ctx.tenantId();
        java.util.function.Supplier<List<BatchItemResult>> deliver = router.telemetry().carry(() -> delivery.deliver(ctx,
                events));
        // the attempt answers through a future the deadline watch ends: the caller's wait is untimed
        CompletableFuture<List<BatchItemResult>> answer = new CompletableFuture<>();
        Future<?> f = attempts.submit(() -> {
            try {
                answer.complete(deliver.get());
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            } finally {
                if (late.getAndSet(-1) == 1) {
                    lateAttempts.ended(tenant);
                }
            }
        });
        watches.computeIfAbsent(deadline, DurableIngest::watch).watch(answer);
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw StoreException.unavailable("northstar", "ingest interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException timeout) {
                // counted before it is marked late, so the attempt's own end always finds the count to take back
                lateAttempts.started(tenant);
                if (!late.compareAndSet(0, 1)) {
                    lateAttempts.ended(tenant); // it ended meanwhile
                }
                throw timeout;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw StoreException.internal("northstar", "ingest failed", e.getCause());
        }
    }

    private List<BatchItemResult> journaled(RequestContext ctx, List<AcceptedEvent> events) {
        journal.append(ctx, events);
        List<BatchItemResult> out = new java.util.ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            var r = events.get(i).record();
            out.add(new BatchItemResult(i, IngestReceipt.pending(r.analyticsId(), r.status()), null));
        }
        return out;
    }

    /** The backends an event of this caller needs: the key of its circuit. */
    List<Backend> backendsOf(RequestContext ctx) {
        return List.of(router.analytics(ctx).store(), router.tabular(ctx).store()); // adapters: equal when identical
    }

    BackendCircuits circuits() {
        return circuits;
    }

    /** The rollups this ingest counts into (the forwarder waits for their repair after a crash). */
    Rollups rollups() {
        return rollups;
    }

    IngestJournal journal() {
        return journal;
    }

    boolean hasLateAttempts(String tenantId) {
        return lateAttempts.any(tenantId);
    }

    @Override
    public void close() {
        attempts.shutdownNow();
        watches.values().forEach(DeadlineWatch::close); // ends every wait still open: its caller journals or fails
        rollups.close();
    }
}
