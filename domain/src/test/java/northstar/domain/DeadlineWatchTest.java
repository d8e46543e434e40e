package northstar.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class DeadlineWatchTest {
    @Test
    void anUnansweredWaitEndsWithATimeoutOnceItsDeadlineHasPassed() {
        try (DeadlineWatch watch = new DeadlineWatch("test-deadlines", Duration.ofMillis(200))) {
            CompletableFuture<String> answer = new CompletableFuture<>();
            long t0 = System.nanoTime();
            watch.watch(answer);

            assertThatThrownBy(answer::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
            assertThat(System.nanoTime() - t0).as("not before its deadline").isGreaterThanOrEqualTo(200_000_000L);
        }
    }

    @Test
    void anAnsweredWaitKeepsItsAnswerAndLeavesTheWatch() throws Exception {
        try (DeadlineWatch watch = new DeadlineWatch("test-deadlines", Duration.ofHours(1))) {
            for (int i = 0; i < 1000; i++) {
                CompletableFuture<Integer> answer = new CompletableFuture<>();
                watch.watch(answer);
                answer.complete(i);
            }
            watch.expire(System.nanoTime());

            assertThat(watch.size()).isZero();
        }
    }

    @Test
    void anOpenWaitHoldsTheLaterOnesUntilItsOwnDeadline() throws Exception {
        try (DeadlineWatch watch = new DeadlineWatch("test-deadlines", Duration.ofHours(1))) {
            CompletableFuture<String> open = new CompletableFuture<>();
            CompletableFuture<String> answered = new CompletableFuture<>();
            watch.watch(open);
            watch.watch(answered);
            answered.complete("stored");

            watch.expire(System.nanoTime());
            assertThat(watch.size()).isEqualTo(2);
            assertThat(open).isNotDone();

            watch.expire(System.nanoTime() + Duration.ofHours(1).toNanos());
            assertThat(watch.size()).isZero();
            assertThat(open).isCompletedExceptionally();
            assertThat(answered.get()).as("an answer is never replaced by a timeout").isEqualTo("stored");
        }
    }

    @Test
    void closingTheWatchEndsTheWaitsItHoldsSoThatNoCallerWaitsForever() {
        DeadlineWatch watch = new DeadlineWatch("test-deadlines", Duration.ofHours(1));
        CompletableFuture<String> open = new CompletableFuture<>();
        CompletableFuture<String> answered = new CompletableFuture<>();
        watch.watch(open);
        watch.watch(answered);
        answered.complete("stored");

        watch.close();

        assertThatThrownBy(open::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
        assertThat(answered.join()).isEqualTo("stored");
        assertThat(watch.size()).isZero();
    }

    @Test
    void aWaitWatchedAfterTheWatchClosedEndsAtOnce() {
        DeadlineWatch watch = new DeadlineWatch("test-deadlines", Duration.ofHours(1));
        watch.close();
        CompletableFuture<String> late = new CompletableFuture<>();
        boolean[] expired = {false};

        watch.watch(late);
        watch.watch(new DeadlineWatch.Expiring() {
            @Override
            public boolean isDone() {
                return expired[0];
            }

            @Override
            public void expire() {
                expired[0] = true;
            }
        }, System.nanoTime() + watch.lengthNanos());

        assertThatThrownBy(late::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
        assertThat(expired[0]).as("an attempt watched after close is expired, not left waiting").isTrue();
        assertThat(watch.size()).isZero();
    }

    @Test
    void aCallInFlightThatIsNotACompletableFutureIsCancelledAtItsDeadline() {
        try (DeadlineWatch watch = new DeadlineWatch("test-deadlines", Duration.ofHours(1))) {
            java.util.concurrent.FutureTask<String> call = new java.util.concurrent.FutureTask<>(() -> "never run");
            watch.watch(call);

            watch.expire(System.nanoTime() + Duration.ofHours(1).toNanos());

            assertThat(call.isCancelled()).isTrue();
            assertThat(watch.size()).isZero();
        }
    }
}
