package northstar.application.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import northstar.application.UseCaseTest;
import northstar.domain.StoreException;
import northstar.domain.budget.BudgetExceeded;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The budget use cases over real SQLite: atomic increments, a hard limit never overshot, idempotent usage. */
class BudgetServiceTest extends UseCaseTest {
    BudgetService budgets;

    @BeforeEach
    void open() {
        budgets = useCases.budgets();
    }

    @Test
    void racingIncrementsNeverPassTheHardLimitAndEachAcceptedOneCounts() throws Exception {
        budgets.setLimits(acme, "openai", "tokens", 50.0, 100.0);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger softCrossings = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 160; i++) {
                done.add(pool.submit(() -> {
                    try {
                        if (budgets.recordUsage(acme, "openai", "tokens", 3).softLimitCrossed()) {
                            softCrossings.incrementAndGet();
                        }
                        accepted.incrementAndGet();
                    } catch (BudgetExceeded e) {
                        refused.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        double usage = budgets.get(acme, "openai", "tokens").orElseThrow().usage();
        assertThat(accepted.get()).isEqualTo(33); // 33 * 3 = 99; the 34th would make 102
        assertThat(refused.get()).isEqualTo(160 - 33);
        assertThat(usage).isEqualTo(99.0);
        assertThat(softCrossings.get()).as("the soft limit is crossed once").isEqualTo(1);
        assertThat(budgets.checkHardLimit(acme, "openai", "tokens")).isFalse();
    }

    @Test
    void aRetriedKeyAppliesOnceAndTheSameKeyWithAnotherAmountIsRefused() {
        UsageOutcome first = budgets.recordUsage(acme, "anthropic", "calls", 2, UsageToken.clientKey("k-1"));
        UsageOutcome again = budgets.recordUsage(acme, "anthropic", "calls", 2, UsageToken.clientKey("k-1"));

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(budgets.get(acme, "anthropic", "calls").orElseThrow().usage()).isEqualTo(2.0);
        assertThatThrownBy(() -> budgets.recordUsage(acme, "anthropic", "calls", 5, UsageToken.clientKey("k-1")))
                .isInstanceOf(StoreException.class).hasMessageContaining("Idempotency-Key");
        assertThat(budgets.get(acme, "anthropic", "calls").orElseThrow().usage()).isEqualTo(2.0);
    }

    @Test
    void badLimitsAreATypedErrorAndChangeNothing() {
        budgets.setLimits(acme, "openai", "tokens", 10.0, 20.0);

        assertThatThrownBy(() -> budgets.setLimits(acme, "openai", "tokens", 30.0, 20.0))
                .isInstanceOf(StoreException.class);
        var record = budgets.get(acme, "openai", "tokens").orElseThrow();
        assertThat(record.softLimit()).isEqualTo(10.0);
        assertThat(record.hardLimit()).isEqualTo(20.0);
    }

    @Test
    void oneTenantsUsageIsNeverAnothers() {
        budgets.recordUsage(acme, "openai", "tokens", 7);

        assertThat(budgets.get(globex, "openai", "tokens")).isEmpty();
        assertThat(budgets.listProviderUsage(globex, "openai")).isEmpty();
    }
}
