package northstar.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The one retry policy: bounded attempts, full-jitter exponential pauses, a deadline. */
class RetryTest {
    private static final Retry.Policy POLICY = new Retry.Policy(6, Duration.ofMillis(2), Duration.ofMillis(20),
            Duration.ofSeconds(5));

    /** A retry on a fake clock that the pauses advance. */
    private static Retry retry(Retry.Policy policy, AtomicLong clock, List<Long> pauses) {
        return new Retry(policy, nanos -> {
            pauses.add(nanos);
            clock.addAndGet(nanos);
        }, clock::get, new java.util.Random(7));
    }

    @Test
    void aWonAttemptReturnsAtOnceWithoutPausing() {
        List<Long> pauses = new ArrayList<>();
        assertThat(retry(POLICY, new AtomicLong(), pauses).run(() -> Optional.of("won"), IllegalStateException::new))
                .isEqualTo("won");
        assertThat(pauses).isEmpty();
    }

    @Test
    void lostRacesAreRetriedWithPausesUnderTheirDoublingCeilingUntilOneWins() {
        List<Long> pauses = new ArrayList<>();
        AtomicInteger tries = new AtomicInteger();

        String result = retry(POLICY, new AtomicLong(), pauses).run(
                () -> tries.incrementAndGet() < 4 ? Optional.empty() : Optional.of("fourth"), IllegalStateException::new);

        assertThat(result).isEqualTo("fourth");
        assertThat(pauses).hasSize(3);
        for (int i = 0; i < pauses.size(); i++) {
            assertThat(pauses.get(i)).isBetween(0L, Math.min(20_000_000L, 2_000_000L << i));
        }
    }

    @Test
    void attemptsAreBoundedAndThePolicysFailureComesAfterTheLast() {
        List<Long> pauses = new ArrayList<>();
        AtomicInteger tries = new AtomicInteger();

        assertThatThrownBy(() -> retry(POLICY, new AtomicLong(), pauses).run(() -> {
            tries.incrementAndGet();
            return Optional.empty();
        }, () -> new IllegalStateException("busy"))).hasMessage("busy");

        assertThat(tries).hasValue(6);
        assertThat(pauses).as("no pause after the last attempt").hasSize(5);
    }

    @Test
    void noAttemptStartsPastTheDeadline() {
        Retry.Policy tight = new Retry.Policy(1000, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(50));
        AtomicLong clock = new AtomicLong();
        AtomicInteger tries = new AtomicInteger();

        assertThatThrownBy(() -> retry(tight, clock, new ArrayList<>()).run(() -> {
            tries.incrementAndGet();
            clock.addAndGet(1_000_000); // each attempt takes 1 ms
            return Optional.empty();
        }, IllegalStateException::new)).isInstanceOf(IllegalStateException.class);

        assertThat(clock.get()).isLessThanOrEqualTo(Duration.ofMillis(50).toNanos() + 1_000_000);
        assertThat(tries.get()).isBetween(2, 999);
    }

    @Test
    void fullJitterSpreadsRacingWritersOverTheWholeCeiling() {
        Retry r = new Retry(POLICY, nanos -> { }, () -> 0, new SplittableRandom(1));
        long ceiling = 20_000_000L;
        List<Long> drawn = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            drawn.add(r.pauseNanos(10));
        }
        assertThat(drawn).allSatisfy(p -> assertThat(p).isBetween(0L, ceiling));
        assertThat(drawn.stream().filter(p -> p < ceiling / 4).count()).as("short pauses").isGreaterThan(300);
        assertThat(drawn.stream().filter(p -> p > 3 * ceiling / 4).count()).as("long pauses").isGreaterThan(300);
    }

    @Test
    void anInterruptedPauseEndsTheLoopWithTheInterruptKept() {
        Retry r = new Retry(POLICY, nanos -> {
            throw new InterruptedException();
        }, () -> 0, new java.util.Random(1));
        assertThatThrownBy(() -> r.run(Optional::empty, () -> new IllegalStateException("busy"))).hasMessage("busy");
        assertThat(Thread.interrupted()).isTrue();
    }
}
