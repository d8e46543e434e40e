package northstar.application.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import northstar.domain.Backend;
import northstar.domain.CallerDeadline;
import northstar.domain.DeadlineWatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The caller's deadline carried to a store's waits on the caller's own thread. */
class InlineAttemptTest {
    final DeadlineWatch watch = new DeadlineWatch("test-deadlines", Duration.ofMillis(200));
    final LateAttempts late = new LateAttempts();

    @AfterEach
    void close() {
        watch.close();
    }

    @Test
    void aWaitAnsweredBeforeTheDeadlineReturnsItsValueOnTheCallersThreadAndLeavesNothingLate() throws Exception {
        InlineAttempt a = InlineAttempt.start("acme", late, watch);
        CompletableFuture<String> work = new CompletableFuture<>();
        AtomicReference<Thread> waitedOn = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            sleep(20);
            work.complete("committed");
        });

        String value = a.carry(() -> {
            waitedOn.set(Thread.currentThread());
            return CallerDeadline.await(work);
        });
        a.finish();

        assertThat(value).isEqualTo("committed");
        assertThat(waitedOn.get()).isSameAs(Thread.currentThread());
        assertThat(late.any("acme")).isFalse();
        watch.expire(System.nanoTime());
        assertThat(watch.size()).as("a finished attempt leaves the watch").isZero();
    }

    @Test
    void theDeadlineEndsTheWaitWhileTheWorkGoesOnCountedLateUntilItEnds() throws Exception {
        InlineAttempt a = InlineAttempt.start("acme", late, watch);
        CompletableFuture<String> work = new CompletableFuture<>();
        long t0 = System.nanoTime();

        assertThatThrownBy(() -> a.carry(() -> CallerDeadline.await(work))).isInstanceOf(TimeoutException.class);
        a.finish();

        assertThat(System.nanoTime() - t0).as("not before its deadline").isGreaterThanOrEqualTo(200_000_000L);
        assertThat(late.any("acme")).as("the write is still queued").isTrue();
        assertThat(late.any("globex")).isFalse();
        work.complete("committed late");
        assertThat(late.any("acme")).as("it has ended").isFalse();
    }

    @Test
    void aWaitBegunAfterTheDeadlineEndsAtOnceAndItsWorkCountsLate() throws Exception {
        InlineAttempt a = InlineAttempt.start("acme", late, watch);
        watch.expire(System.nanoTime() + Duration.ofSeconds(1).toNanos());
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletableFuture<String> done = CompletableFuture.completedFuture("done before");

        assertThat(a.carry(() -> CallerDeadline.remainingNanos())).isZero();
        assertThat(a.carry(() -> CallerDeadline.await(done))).as("work already done is answered").isEqualTo("done before");
        assertThatThrownBy(() -> a.carry(() -> CallerDeadline.await(work))).isInstanceOf(TimeoutException.class);
        assertThat(late.any("acme")).isTrue();
        work.completeExceptionally(new IllegalStateException("rolled back"));
        assertThat(late.any("acme")).isFalse();
    }

    @Test
    void theWorksOwnFailureReachesTheCallerAsItIs() {
        InlineAttempt a = InlineAttempt.start("acme", late, watch);
        CompletableFuture<String> work = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            sleep(20);
            work.completeExceptionally(new TimeoutException("the store's own"));
        });

        assertThatThrownBy(() -> a.carry(() -> CallerDeadline.await(work))).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class).cause().hasMessage("the store's own");
        assertThat(late.any("acme")).isFalse();
    }

    @Test
    void anInterruptedWaitCountsItsWorkLateAndKeepsTheInterrupt() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CompletableFuture<String> work = new CompletableFuture<>();
        try (DeadlineWatch hour = new DeadlineWatch("test-deadlines", Duration.ofHours(1))) {
            InlineAttempt a = InlineAttempt.start("acme", late, hour);
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    a.carry(() -> CallerDeadline.await(work));
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            while (caller.getState() != Thread.State.WAITING) {
                Thread.sleep(5);
            }
            caller.interrupt();
            caller.join();
        }

        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(late.any("acme")).isTrue();
        work.complete("committed");
        assertThat(late.any("acme")).isFalse();
    }

    @Test
    void withoutACarriedDeadlineAStoreWaitsAsLongAsTheWorkTakes() throws Exception {
        CompletableFuture<String> work = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            sleep(300); // past the watch's length: nobody watches this wait
            work.complete("committed");
        });

        assertThat(CallerDeadline.remainingNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(CallerDeadline.await(work)).isEqualTo("committed");
    }

    @Test
    void theTimeLeftShrinksWithinTheDeadline() throws Exception {
        InlineAttempt a = InlineAttempt.start("acme", late, watch);
        long left = a.carry(() -> CallerDeadline.remainingNanos());
        a.finish();

        assertThat(left).isPositive().isLessThanOrEqualTo(200_000_000L);
    }

    @Test
    void aDeliveryRunsOnItsCallersThreadOnlyWhenEveryBackendItNeedsWaitsWithinTheCallersDeadline() {
        Backend embedded = backend(true);
        Backend network = backend(false);

        assertThat(DurableIngest.inline(List.of(embedded, embedded))).isTrue();
        assertThat(DurableIngest.inline(List.of(embedded, network))).isFalse();
        assertThat(DurableIngest.inline(List.of(network, embedded))).isFalse();
    }

    static Backend backend(boolean waitsWithinCallerDeadline) {
        return new Backend() {
            @Override
            public String backendType() {
                return waitsWithinCallerDeadline ? "sqlite" : "dynamodb";
            }

            @Override
            public boolean waitsWithinCallerDeadline() {
                return waitsWithinCallerDeadline;
            }

            @Override
            public void probe() {
            }

            @Override
            public void close() {
            }
        };
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
