package northstar.domain;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends the waits that pass their deadline, for waits that all have the same length: one thread and a
 * queue in arrival order (which is deadline order) instead of a timed wait per call. A timed park
 * schedules and cancels a timer on every call; measured with 64 callers of a 13 us task, that
 * alone cost 30% of the throughput (JournalBench, docs/BENCHMARKS.md). A wait ends at most one tick
 * after its deadline: a twentieth of the deadline, at most 10 ms. The ingest's deadline and the
 * Firestore adapter's calls use it; the caller then waits without a timeout, for an answer or the
 * watch's end of it.
 */
public final class DeadlineWatch implements AutoCloseable {
    /** What the watch ends besides a future: done once answered, expired once its deadline passes unanswered. */
    public interface Expiring {
        boolean isDone();

        void expire();
    }

    /** A wait: its deadline and what ends it, a Future or an {@link Expiring}. */
    private record Watched(long deadline, Object target) {
        boolean done() {
            return target instanceof Future<?> f ? f.isDone() : ((Expiring) target).isDone();
        }
    }

    private final ConcurrentLinkedQueue<Watched> queue = new ConcurrentLinkedQueue<>();
    private final long lengthNanos;
    private final long tickNanos;
    private final Thread thread;
    private volatile boolean running = true;

    /** A watch of waits of this length, its thread named so. */
    public DeadlineWatch(String name, Duration length) {
        this.lengthNanos = length.toNanos();
        this.tickNanos = Math.max(100_000L, Math.min(lengthNanos / 20, 10_000_000L));
        this.thread = Thread.ofPlatform().name(name).daemon().start(this::loop);
    }

    /**
     * Ends the wait for answer once the deadline's length has passed, unless it is done by then: a
     * CompletableFuture completes with a TimeoutException, any other future (a call in flight) is cancelled.
     */
    public void watch(Future<?> answer) {
        add(new Watched(System.nanoTime() + lengthNanos, answer));
    }

    /** Expires it at deadline (System.nanoTime(), the watch's length from now), unless it is done by then. */
    public void watch(Expiring attempt, long deadline) {
        add(new Watched(deadline, attempt));
    }

    private void add(Watched w) {
        queue.add(w);
        if (!running) { // closed: nothing would end it
            drain();
        }
    }

    public long lengthNanos() {
        return lengthNanos;
    }

    private void loop() {
        while (running) {
            expire(System.nanoTime());
            LockSupport.parkNanos(tickNanos);
        }
    }

    /** Drops the answered waits at the head and times out those past their deadline. */
    public void expire(long now) {
        for (Watched w; (w = queue.peek()) != null; ) {
            if (!w.done() && now - w.deadline() < 0) {
                return; // everything behind it was watched later
            }
            queue.poll();
            end(w);
        }
    }

    /** Ends a wait still open (a TimeoutException is built only for a wait it ends). */
    private static void end(Watched w) {
        if (w.done()) {
            return;
        }
        if (w.target() instanceof CompletableFuture<?> f) {
            f.completeExceptionally(new TimeoutException());
        } else if (w.target() instanceof Future<?> f) {
            f.cancel(true);
        } else {
            ((Expiring) w.target()).expire();
        }
    }

    /** How many waits it holds (answered ones behind an open one included). */
    public int size() {
        return queue.size();
    }

    /** Stops the watch and ends every wait it still holds, as if its deadline had passed, and every wait watched after. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        drain();
    }

    private void drain() {
        for (Watched w; (w = queue.poll()) != null; ) {
            end(w);
        }
    }
}
