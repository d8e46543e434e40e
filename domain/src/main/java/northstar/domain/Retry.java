package northstar.domain;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The one retry policy of optimistic-concurrency loops (read, compute, write under a condition,
 * again when another writer came first): bounded attempts, exponential backoff with full jitter
 * between them (a pause drawn uniformly from [0, min(cap, base * 2^attempt)], so racing writers
 * spread out instead of colliding again in step), and a deadline after which no new attempt starts.
 */
public final class Retry {
    /**
     * @param maxAttempts attempts at most, the first included
     * @param base        the ceiling of the first pause
     * @param cap         the largest ceiling of any pause
     * @param deadline    no attempt starts once this long has passed since the first
     */
    public record Policy(int maxAttempts, Duration base, Duration cap, Duration deadline) {
        public Policy {
            if (maxAttempts < 1 || base.isNegative() || cap.compareTo(base) < 0 || deadline.isNegative()) {
                throw new IllegalArgumentException("a retry policy needs attempts >= 1 and 0 <= base <= cap, deadline >= 0");
            }
        }
    }

    /** Lost races of a conditional write: 16 attempts, pauses up to 2 ms doubling to 100 ms, within 5 s. */
    public static final Policy CONFLICTS = new Policy(16, Duration.ofMillis(2), Duration.ofMillis(100),
            Duration.ofSeconds(5));

    /** One try: its result, or empty when it lost a race and may be tried again. */
    @FunctionalInterface
    public interface Attempt<T> {
        Optional<T> run();
    }

    /** How a pause is taken (the tests take none). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final Policy policy;
    private final Sleeper sleeper;
    private final LongSupplier nanoClock;
    private final RandomGenerator random;

    public Retry(Policy policy, Sleeper sleeper, LongSupplier nanoClock, RandomGenerator random) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.nanoClock = nanoClock;
        this.random = random;
    }

    /** Runs the attempt under the policy, pausing with Thread.sleep; exhausted's exception when no attempt won. */
    public static <T> T untilWon(Policy policy, Attempt<T> attempt, Supplier<? extends RuntimeException> exhausted) {
        return new Retry(policy, nanos -> Thread.sleep(Duration.ofNanos(nanos)), System::nanoTime,
                ThreadLocalRandom.current()).run(attempt, exhausted);
    }

    public <T> T run(Attempt<T> attempt, Supplier<? extends RuntimeException> exhausted) {
        long start = nanoClock.getAsLong();
        for (int i = 0; ; i++) {
            Optional<T> result = attempt.run();
            if (result.isPresent()) {
                return result.get();
            }
            if (i + 1 >= policy.maxAttempts()) {
                throw exhausted.get();
            }
            long pause = pauseNanos(i);
            if (nanoClock.getAsLong() - start + pause > policy.deadline().toNanos()) {
                throw exhausted.get();
            }
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                RuntimeException failure = exhausted.get();
                failure.addSuppressed(e);
                throw failure;
            }
        }
    }

    /** The pause after the attempt numbered so (from 0): uniform in [0, min(cap, base * 2^attempt)]. */
    long pauseNanos(int attempt) {
        long ceiling = Math.min(policy.cap().toNanos(), policy.base().toNanos() << Math.min(attempt, 30));
        return ceiling <= 0 ? 0 : random.nextLong(ceiling + 1);
    }
}
