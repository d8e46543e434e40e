package northstar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import northstar.application.analytics.NewEvent;
import northstar.application.analytics.BudgetAlertEvents;
import northstar.application.budget.UsageOutcome;
import northstar.application.budget.UsageToken;
import northstar.domain.ErrorCode;
import northstar.domain.PageRequest;
import northstar.domain.StoreException;
import northstar.domain.analytics.AnalyticsQuery;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.Platform;
import northstar.domain.analytics.UsageReport;
import northstar.domain.budget.BudgetExceeded;
import northstar.domain.budget.BudgetUsageRecord;
import northstar.domain.tabular.TabularKey;
import northstar.testkit.Concurrently;
import org.junit.jupiter.api.Test;

/** Scenarios B6, B7 and B8 of the design, and the hard limit under concurrency. */
class BudgetScenariosTest extends LabHarness {

    List<AnalyticsRecord> warnings() {
        return app.analytics().query(lab, new AnalyticsQuery(Instant.now().minusSeconds(3600),
                Instant.now().plusSeconds(3600), Optional.of("northstar"), Optional.empty(), PageRequest.first(100)))
                .items().stream().filter(r -> BudgetAlertEvents.SOFT_LIMIT_REACHED.equals(r.payload().get("event"))).toList();
    }

    @Test
    void b6RecordingUsageAddsToTheCounter() {
        UsageOutcome first = app.budgets().recordUsage(lab, "openai", "tokens", 1500);
        UsageOutcome second = app.budgets().incrementUsage(lab, "openai", "tokens", 250.5);

        assertThat(first.record().usage()).isEqualTo(1500.0);
        assertThat(second.record().usage()).isEqualTo(1750.5);
        BudgetUsageRecord stored = app.budgets().get(lab, "openai", "tokens").orElseThrow();
        assertThat(stored.usage()).isEqualTo(1750.5);
        assertThat(stored.tenantId()).isEqualTo("acme");
        assertThat(stored.projectId()).isEqualTo("proj-1");
        assertThat(stored.softLimit()).isNull();
        assertThat(stored.updatedAt()).isAfterOrEqualTo(stored.createdAt());
    }

    @Test
    void b6AnIncrementPastTheHardLimitIsRefusedWholeAndChangesNothing() {
        app.budgets().setLimits(lab, "openai", "tokens", 100000.0, 500000.0);
        app.budgets().recordUsage(lab, "openai", "tokens", 499000);

        assertThatThrownBy(() -> app.budgets().recordUsage(lab, "openai", "tokens", 1001))
                .isInstanceOfSatisfying(BudgetExceeded.class, e -> assertThat(e.getMessage()).contains("openai/tokens"));
        UsageOutcome toTheLimit = app.budgets().recordUsage(lab, "openai", "tokens", 1000);

        assertThat(toTheLimit.record().usage()).isEqualTo(500000.0);
        assertThat(toTheLimit.hardExceeded()).isTrue();
        assertThat(app.budgets().checkHardLimit(lab, "openai", "tokens")).isTrue();
        assertThatThrownBy(() -> app.budgets().recordUsage(lab, "openai", "tokens", 1)).isInstanceOf(BudgetExceeded.class);
        assertThat(app.budgets().get(lab, "openai", "tokens").orElseThrow().usage()).isEqualTo(500000.0);
    }

    @Test
    void b6NegativeNanAndInfiniteAmountsAreRejected() {
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> app.budgets().recordUsage(lab, "openai", "tokens", bad))
                    .isInstanceOf(StoreException.InvalidArgument.class);
        }
        assertThatThrownBy(() -> app.budgets().setLimits(lab, "openai", "tokens", 10.0, 5.0))
                .isInstanceOf(StoreException.InvalidArgument.class);
        assertThat(app.budgets().get(lab, "openai", "tokens")).isEmpty();
    }

    @Test
    void b6SixteenConcurrentCallersNeverPassTheHardLimitAndLoseNothing() throws Exception {
        app.budgets().setLimits(lab, "anthropic", "calls", 100.0, 250.0);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();

        Concurrently.run(16, t -> {
            for (int i = 0; i < 20; i++) {
                try {
                    app.budgets().recordUsage(lab, "anthropic", "calls", 1);
                    accepted.incrementAndGet();
                } catch (BudgetExceeded e) {
                    refused.incrementAndGet();
                }
            }
            return null;
        });

        assertThat(accepted.get()).isEqualTo(250);
        assertThat(refused.get()).isEqualTo(320 - 250);
        assertThat(app.budgets().get(lab, "anthropic", "calls").orElseThrow().usage()).isEqualTo(250.0);
        assertThat(warnings()).as("the soft limit is crossed exactly once").hasSize(1);
    }

    @Test
    void b6ConcurrentIncrementsWithoutLimitsAreAllCounted() throws Exception {
        Concurrently.run(16, t -> {
            for (int i = 0; i < 25; i++) {
                app.budgets().recordUsage(lab, "serper", "requests", 2);
            }
            return null;
        });

        assertThat(app.budgets().get(lab, "serper", "requests").orElseThrow().usage()).isEqualTo(800.0);
    }

    @Test
    void b7CrossingTheSoftLimitWarnsOnceThroughAnalytics() {
        app.budgets().setLimits(lab, "openai", "tokens", 1000.0, 5000.0);
        UsageOutcome below = app.budgets().recordUsage(lab, "openai", "tokens", 999);
        assertThat(app.budgets().checkSoftLimit(lab, "openai", "tokens")).isFalse();

        UsageOutcome crossing = app.budgets().recordUsage(lab, "openai", "tokens", 1);
        UsageOutcome beyond = app.budgets().recordUsage(lab, "openai", "tokens", 10);

        assertThat(below.softExceeded()).isFalse();
        assertThat(crossing.softLimitCrossed()).isTrue();
        assertThat(crossing.softExceeded()).isTrue();
        assertThat(beyond.softLimitCrossed()).isFalse();
        assertThat(app.budgets().checkSoftLimit(lab, "openai", "tokens")).isTrue();
        assertThat(app.budgets().checkHardLimit(lab, "openai", "tokens")).isFalse();
        List<AnalyticsRecord> warnings = warnings();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.getFirst().payload()).containsEntry("provider", "openai").containsEntry("metric", "tokens")
                .containsEntry("usage", 1000L).containsEntry("soft_limit", 1000L);
        assertThat(warnings.getFirst().dimensions().surface()).isEqualTo("budget");
    }

    @Test
    void b8ListingAProviderReturnsEachOfItsMetrics() {
        app.budgets().recordUsage(lab, "openai", "tokens", 10);
        app.budgets().recordUsage(lab, "openai", "requests", 1);
        app.budgets().setLimits(lab, "openai", "images", 5.0, 10.0);
        app.budgets().recordUsage(lab, "anthropic", "calls", 3);
        app.budgets().recordUsage(otherTenant, "openai", "tokens", 99);

        List<BudgetUsageRecord> openai = app.budgets().listProviderUsage(lab, "openai");

        List<String> metrics = new ArrayList<>();
        openai.forEach(r -> metrics.add(r.metric() + "=" + r.usage()));
        assertThat(metrics).containsExactly("images=0.0", "requests=1.0", "tokens=10.0");
        assertThat(app.budgets().listProviderUsage(otherTenant, "openai")).extracting(BudgetUsageRecord::usage)
                .containsExactly(99.0);
        assertThat(app.budgets().listProviderUsage(lab, "cohere")).isEmpty();
    }

    @Test
    void changingLimitsKeepsTheUsage() {
        app.budgets().recordUsage(lab, "openai", "tokens", 40);
        BudgetUsageRecord limited = app.budgets().setLimits(lab, "openai", "tokens", 50.0, 60.0);

        assertThat(limited.usage()).isEqualTo(40.0);
        assertThat(limited.hardLimit()).isEqualTo(60.0);
        assertThatThrownBy(() -> app.budgets().recordUsage(lab, "openai", "tokens", 21)).isInstanceOf(BudgetExceeded.class);
    }

    @Test
    void theSameIdempotencyKeyAppliesOnceAndAnswersAsTheFirstTime() {
        UsageOutcome first = app.budgets().recordUsage(lab, "openai", "tokens", 7, UsageToken.clientKey("req-42"));
        UsageOutcome again = app.budgets().recordUsage(lab, "openai", "tokens", 7, UsageToken.clientKey("req-42"));
        app.budgets().recordUsage(lab, "openai", "tokens", 7, UsageToken.clientKey("req-43"));

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.record().usage()).isEqualTo(7.0);
        assertThat(app.budgets().get(lab, "openai", "tokens").orElseThrow().usage()).isEqualTo(14.0);
    }

    @Test
    void anIdempotencyKeyRepeatedWithAnotherAmountIsAConflictThatChangesNothing() {
        app.budgets().recordUsage(lab, "openai", "tokens", 7, UsageToken.clientKey("req-42"));

        assertThatThrownBy(() -> app.budgets().recordUsage(lab, "openai", "tokens", 8, UsageToken.clientKey("req-42")))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                    assertThat(e.getMessage()).contains("amount 7.0");
                });
        assertThat(app.budgets().get(lab, "openai", "tokens").orElseThrow().usage()).isEqualTo(7.0);
    }

    @Test
    void keysStayAppliedWhenTheLimitsChangeAndARefusedKeyIsDecidedAgain() {
        app.budgets().setLimits(lab, "openai", "tokens", null, 10.0);
        app.budgets().recordUsage(lab, "openai", "tokens", 6, UsageToken.clientKey("a"));
        assertThatThrownBy(() -> app.budgets().recordUsage(lab, "openai", "tokens", 6, UsageToken.clientKey("b")))
                .isInstanceOf(BudgetExceeded.class);

        app.budgets().setLimits(lab, "openai", "tokens", null, 20.0);

        assertThat(app.budgets().recordUsage(lab, "openai", "tokens", 6, UsageToken.clientKey("a")).replayed()).isTrue();
        assertThat(app.budgets().recordUsage(lab, "openai", "tokens", 6, UsageToken.clientKey("b")).replayed()).isFalse();
        assertThat(app.budgets().get(lab, "openai", "tokens").orElseThrow().usage()).isEqualTo(12.0);
    }

    @Test
    void sixteenCallersSendingTheSameHundredKeysApplyEachAmountOnce() throws Exception {
        app.budgets().setLimits(lab, "openai", "tokens", null, 1e9);
        Concurrently.run(16, t -> {
            for (int i = 0; i < 100; i++) {
                int k = (i + t * 7) % 100;
                app.budgets().recordUsage(lab, "openai", "tokens", k + 1, UsageToken.clientKey("key-" + k));
            }
            return null;
        });

        assertThat(app.budgets().get(lab, "openai", "tokens").orElseThrow().usage()).isEqualTo(5050.0);
    }

    @Test
    void aKeyIsRefusedWhenItIsNotPrintableAscii() {
        assertThatThrownBy(() -> UsageToken.clientKey("caf\u00e9")).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> UsageToken.clientKey("x".repeat(256))).isInstanceOf(StoreException.class);
    }

    @Test
    void tokensOfKeylessIncrementsAndStoredEventsDoNotPileUpInTheBudget() {
        for (int i = 0; i < 50; i++) {
            app.budgets().recordUsage(lab, "openai", "tokens", 1);
        }
        for (int i = 0; i < 20; i++) {
            app.analytics().ingest(lab, new NewEvent("ev-" + i, new Dimensions("a", null, Platform.WEB, null, null,
                    null, null), null, java.util.Map.of(), new UsageReport("openai", "tokens", 1), null, null, null));
        }
        app.budgets().recordUsage(lab, "openai", "tokens", 1, UsageToken.clientKey("kept-for-a-day"));

        var item = northstar.router().tabular(lab).store().get(new TabularKey("acme", "budgets",
                "usage:proj-1:openai:tokens")).orElseThrow();
        long tokens = item.attributes().keySet().stream().filter(k -> k.startsWith("idem:")).count();

        assertThat(item.number("usage")).isEqualTo(71.0);
        assertThat(tokens).as(item.attributes().keySet().toString()).isLessThanOrEqualTo(3);
        assertThat(item.attributes().keySet()).anyMatch(k -> k.startsWith("idem:k:"));
    }
}
