package northstar.application.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.DoubleAdder;
import northstar.application.EmbeddedBackends;
import northstar.application.alerts.AlertOutbox;
import northstar.application.TestClock;
import northstar.application.routing.BackendCatalog;
import northstar.application.routing.StoreRouter;
import northstar.domain.ErrorCode;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.PageRequest;
import northstar.domain.alerts.BudgetAlert;
import northstar.domain.budget.BudgetExceeded;
import northstar.domain.budget.BudgetPeriod;
import northstar.domain.budget.BudgetUsageRecord;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;
import northstar.domain.tabular.TableRef;
import northstar.domain.tabular.TabularStore;
import northstar.testkit.Concurrently;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The budget kit: the budget use cases over one tabular backend, clause by clause, each backend
 * passing the same clauses against its real (local) server. Windows: usage lands in the window of its
 * own instant, racing across a boundary; Europe/Berlin days of 23 and 25 hours; an America/Sao_Paulo
 * month from local midnight of the 1st. Idempotent usage: 16 threads sending the same 100 keys change
 * usage by exactly the 100 amounts, and a key replayed after its window ended changes nothing.
 * Reservations: 16 threads reserving, committing and releasing at random never let used + held pass
 * the hard limit, and the final usage is exactly what was committed; holds expire by themselves;
 * overruns; tenant isolation.
 *
 * <p>Members are public: this package is exported, not opened, to the test engine.
 */
public abstract class BudgetContract {
    /** A new, empty tabular store of the backend under test (a table, container or project of its own). */
    protected abstract TabularStore newStore();

    /** The backend type its route names. */
    protected abstract String backendType();

    protected final RequestContext acme = EmbeddedBackends.lab("acme");
    protected final RequestContext globex = EmbeddedBackends.lab("globex");
    protected final TestClock clock = new TestClock();
    protected final List<BudgetAlert> alertEvents = new CopyOnWriteArrayList<>();
    protected StoreRouter router;
    protected BudgetService budgets;

    @BeforeEach
    public void openBudgets() {
        TabularStore store = newStore();
        router = new StoreRouter(RoutingTable.of(new Route(ResourceKind.TABULAR_STORE, backendType(), Map.of())),
                new BackendCatalog().tabular(backendType(), route -> store));
        budgets = new BudgetService(router, clock, new AlertOutbox(router, tenant -> List.of(),
                (ctx, alert) -> alertEvents.add(alert)));
    }

    @AfterEach
    public void closeBudgets() {
        router.close();
    }

    // ---- idempotent usage ----

    @Test
    public void sixteenThreadsSendingTheSame100KeysChangeUsageByExactlyThe100Amounts() throws Exception {
        budgets.setLimits(acme, "openai", "tokens", null, 1_000_000.0, BudgetPeriod.of("day", "Europe/Berlin", null));
        List<Integer> applied = Concurrently.run(16, thread -> {
            List<Integer> keys = new ArrayList<>();
            for (int k = 1; k <= 100; k++) {
                keys.add(k);
            }
            Collections.shuffle(keys, new Random(thread));
            int firsts = 0;
            for (int k : keys) {
                UsageOutcome o = budgets.recordUsage(acme, "openai", "tokens", k, UsageToken.clientKey("key-" + k));
                firsts += o.replayed() ? 0 : 1;
            }
            return firsts;
        });

        BudgetUsageRecord after = budgets.get(acme, "openai", "tokens").orElseThrow();
        assertThat(after.usage()).as("1 + 2 + ... + 100, each once").isEqualTo(5050.0);
        assertThat(after.lifetimeUsage()).isEqualTo(5050.0);
        assertThat(applied.stream().mapToInt(Integer::intValue).sum()).as("answers that applied").isEqualTo(100);
    }

    @Test
    public void aKeyReplayedAfterItsWindowEndedAnswersTheFirstOutcomeAndChangesNothing() {
        budgets.setLimits(acme, "openai", "tokens", null, 100.0, BudgetPeriod.of("day", "UTC", null));
        clock.set(Instant.parse("2026-03-10T23:59:30Z"));
        UsageOutcome first = budgets.recordUsage(acme, "openai", "tokens", 40, UsageToken.clientKey("k-1"));
        clock.set(Instant.parse("2026-03-11T00:00:30Z"));

        UsageOutcome replay = budgets.recordUsage(acme, "openai", "tokens", 40, UsageToken.clientKey("k-1"));

        assertThat(first.replayed()).isFalse();
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.record().usage()).as("the new window is untouched").isZero();
        assertThat(replay.record().lifetimeUsage()).isEqualTo(40.0);
        assertThatThrownBy(() -> budgets.recordUsage(acme, "openai", "tokens", 41, UsageToken.clientKey("k-1")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        clock.set(Instant.parse("2026-03-10T23:59:59Z"));
        assertThat(budgets.get(acme, "openai", "tokens").orElseThrow().usage()).as("the first window holds it once")
                .isEqualTo(40.0);
    }

    // ---- windows ----

    @Test
    public void incrementsRacingAcrossAWindowBoundaryLandInTheWindowOfTheirOwnInstant() throws Exception {
        budgets.setLimits(acme, "openai", "tokens", null, 50.0, BudgetPeriod.of("day", "Europe/Berlin", null));
        Instant midnight = Instant.parse("2026-06-14T22:00:00Z"); // 00:00 in Berlin (CEST)
        clock.tickFrom(midnight.minusMillis(80), 1); // every reading of the clock one millisecond later
        List<UsageOutcome> accepted = new CopyOnWriteArrayList<>();
        Concurrently.run(16, thread -> {
            for (int i = 0; i < 10; i++) {
                try {
                    accepted.add(budgets.recordUsage(acme, "openai", "tokens", 1));
                } catch (BudgetExceeded refused) {
                    // the window is full
                }
            }
            return null;
        });
        clock.stop();

        double before = 0;
        double after = 0;
        for (UsageOutcome o : accepted) {
            Instant at = o.record().updatedAt(); // the instant of that increment, written by it
            assertThat(o.record().window().contains(at)).isTrue();
            if (at.isBefore(midnight)) {
                before++;
                assertThat(o.record().resetAt()).isEqualTo(midnight);
            } else {
                after++;
                assertThat(o.record().periodStart()).isEqualTo(midnight);
            }
        }
        assertThat(before).as("increments before midnight").isPositive();
        assertThat(after).as("increments after midnight").isPositive();
        clock.set(midnight.minusMillis(1));
        BudgetUsageRecord day1 = budgets.get(acme, "openai", "tokens").orElseThrow();
        clock.set(midnight);
        BudgetUsageRecord day2 = budgets.get(acme, "openai", "tokens").orElseThrow();
        assertThat(day1.usage()).isEqualTo(before).isLessThanOrEqualTo(50.0);
        assertThat(day2.usage()).isEqualTo(after).isLessThanOrEqualTo(50.0);
        assertThat(day2.lifetimeUsage()).isEqualTo(before + after);
    }

    @Test
    public void berlinDaysAre23And25HoursLongOnTheDstDays() {
        budgets.setLimits(acme, "openai", "tokens", null, 10.0, BudgetPeriod.of("day", "Europe/Berlin", null));
        clock.set(Instant.parse("2026-03-29T12:00:00Z"));
        BudgetUsageRecord spring = budgets.recordUsage(acme, "openai", "tokens", 10).record();
        assertThat(spring.period().format(spring.periodStart())).isEqualTo("2026-03-29T00:00:00+01:00");
        assertThat(spring.period().format(spring.resetAt())).isEqualTo("2026-03-30T00:00:00+02:00");
        assertThat(Duration.between(spring.periodStart(), spring.resetAt())).isEqualTo(Duration.ofHours(23));
        clock.set(Instant.parse("2026-03-29T21:59:59Z")); // 23:59:59 CEST: still the full day
        assertThatThrownBy(() -> budgets.recordUsage(acme, "openai", "tokens", 1)).isInstanceOf(BudgetExceeded.class);
        clock.set(Instant.parse("2026-03-29T22:00:00Z")); // 00:00 CEST on the 30th, 23 h after the day began
        assertThat(budgets.recordUsage(acme, "openai", "tokens", 1).record().usage()).isEqualTo(1.0);

        clock.set(Instant.parse("2026-10-25T12:00:00Z"));
        BudgetUsageRecord autumn = budgets.recordUsage(acme, "openai", "tokens", 10).record();
        assertThat(autumn.period().format(autumn.periodStart())).isEqualTo("2026-10-25T00:00:00+02:00");
        assertThat(autumn.period().format(autumn.resetAt())).isEqualTo("2026-10-26T00:00:00+01:00");
        assertThat(Duration.between(autumn.periodStart(), autumn.resetAt())).isEqualTo(Duration.ofHours(25));
        clock.set(Instant.parse("2026-10-25T22:59:59Z")); // 23:59:59 CET, 24 h 59 min 59 s into the day
        assertThatThrownBy(() -> budgets.recordUsage(acme, "openai", "tokens", 1)).isInstanceOf(BudgetExceeded.class);
        clock.set(Instant.parse("2026-10-25T23:00:00Z"));
        assertThat(budgets.recordUsage(acme, "openai", "tokens", 1).record().usage()).isEqualTo(1.0);
    }

    @Test
    public void aSaoPauloMonthStartsAtLocalMidnightOfTheFirst() {
        budgets.setLimits(acme, "openai", "tokens", null, 100.0, BudgetPeriod.of("month", "America/Sao_Paulo", null));
        clock.set(Instant.parse("2026-12-01T02:59:59Z")); // 23:59:59 on November 30th in Sao Paulo (-03:00)
        BudgetUsageRecord november = budgets.recordUsage(acme, "openai", "tokens", 70).record();
        clock.set(Instant.parse("2026-12-01T03:00:00Z")); // local midnight of December 1st
        BudgetUsageRecord december = budgets.recordUsage(acme, "openai", "tokens", 70).record();

        assertThat(november.period().format(november.periodStart())).isEqualTo("2026-11-01T00:00:00-03:00");
        assertThat(november.usage()).isEqualTo(70.0);
        assertThat(december.period().format(december.periodStart())).isEqualTo("2026-12-01T00:00:00-03:00");
        assertThat(december.period().format(december.resetAt())).isEqualTo("2027-01-01T00:00:00-03:00");
        assertThat(december.usage()).as("a new month starts at zero by itself").isEqualTo(70.0);
        assertThat(december.lifetimeUsage()).isEqualTo(140.0);
        assertThat(budgets.listProviderUsage(acme, "openai")).singleElement()
                .satisfies(b -> assertThat(b.usage()).as("listing shows the current window").isEqualTo(70.0));
    }

    @Test
    public void weeksStartOnTheirChosenDayAndTheCheckNamesTheReset() {
        budgets.setLimits(acme, "openai", "tokens", 5.0, 10.0, BudgetPeriod.of("week", "Asia/Tokyo", "sunday"));
        clock.set(Instant.parse("2026-07-08T03:00:00Z")); // a Wednesday in Tokyo
        budgets.recordUsage(acme, "openai", "tokens", 4);

        BudgetCheck check = budgets.check(acme, "openai", "tokens", 2);

        assertThat(check.period().format(check.periodStart())).isEqualTo("2026-07-05T00:00:00+09:00");
        assertThat(check.period().format(check.resetAt())).isEqualTo("2026-07-12T00:00:00+09:00");
        assertThat(check.softLimitReached()).isTrue();
        assertThat(check.allowed()).isTrue();
        assertThat(check.remaining()).isEqualTo(6.0);
        assertThat(budgets.get(acme, "openai", "tokens").orElseThrow().usage()).as("a check changes nothing").isEqualTo(4.0);
    }

    @Test
    public void aRefundGoesBackToTheWindowItsChargeLandedIn() {
        budgets.setLimits(acme, "openai", "tokens", null, null, BudgetPeriod.of("day", "UTC", null));
        clock.set(Instant.parse("2026-05-01T23:00:00Z"));
        UsageToken charge = UsageToken.forEvent("evt-1");
        budgets.recordUsage(acme, "openai", "tokens", 30, charge);
        clock.set(Instant.parse("2026-05-02T01:00:00Z"));
        budgets.recordUsage(acme, "openai", "tokens", 5);

        budgets.refund(acme, "openai", "tokens", 30, charge, "call-1");
        budgets.refund(acme, "openai", "tokens", 30, charge, "call-1");

        assertThat(budgets.get(acme, "openai", "tokens").orElseThrow().usage()).as("today's window").isEqualTo(5.0);
        clock.set(Instant.parse("2026-05-01T23:30:00Z"));
        BudgetUsageRecord yesterday = budgets.get(acme, "openai", "tokens").orElseThrow();
        assertThat(yesterday.usage()).as("refunded once, from its own window").isZero();
        assertThat(yesterday.lifetimeUsage()).isEqualTo(5.0);
    }

    @Test
    public void eachWindowHasOneAlertOfAKindHoweverOftenItIsReached() {
        budgets.setLimits(acme, "openai", "tokens", 10.0, 30.0, BudgetPeriod.of("day", "UTC", null));
        clock.set(Instant.parse("2026-05-01T10:00:00Z"));
        budgets.recordUsage(acme, "openai", "tokens", 8);
        assertThat(budgets.recordUsage(acme, "openai", "tokens", 8).softLimitCrossed()).isTrue();
        assertThat(budgets.recordUsage(acme, "openai", "tokens", 8).softLimitCrossed()).isFalse();
        budgets.refund(acme, "openai", "tokens", 20, UsageToken.forEvent("gone"), "r1"); // below the soft limit again
        budgets.recordUsage(acme, "openai", "tokens", 10); // and over it again
        budgets.recordUsage(acme, "openai", "tokens", 16); // to the hard limit: 30
        clock.set(Instant.parse("2026-05-02T10:00:00Z"));
        assertThat(budgets.recordUsage(acme, "openai", "tokens", 12).softLimitCrossed()).as("a new window").isTrue();
        Reservation r = budgets.reserve(acme, "openai", "tokens", 1, Duration.ofMinutes(1), null, null,
                UsageToken.forCall());
        budgets.commit(acme, "openai", "tokens", r.id(), 2);

        List<String> stored = storedAlerts();
        assertThat(stored).containsExactlyInAnyOrder("SOFT_LIMIT_REACHED 2026-05-01T00:00:00Z",
                "HARD_LIMIT_REACHED 2026-05-01T00:00:00Z", "SOFT_LIMIT_REACHED 2026-05-02T00:00:00Z",
                "OVERRUN 2026-05-02T00:00:00Z");
        assertThat(alertEvents).extracting(BudgetAlert::id).doesNotHaveDuplicates().hasSize(4);
        BudgetAlert first = alertEvents.getFirst();
        assertThat(first.kind()).isEqualTo(BudgetAlert.Kind.SOFT_LIMIT_REACHED);
        assertThat(first.usage()).as("the usage that reached it").isEqualTo(16.0);
        assertThat(first.window().end()).isEqualTo(Instant.parse("2026-05-02T00:00:00Z"));
    }

    @Test
    public void sixteenInstancesReachingTheSameLimitAtOnceMakeOneAlert() throws Exception {
        budgets.setLimits(acme, "openai", "tokens", 5.0, null);
        // each thread its own outbox, as separate instances have (none remembers what another raised)
        List<BudgetService> instances = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            instances.add(new BudgetService(router, clock, new AlertOutbox(router, tenant -> List.of(),
                    (ctx, alert) -> alertEvents.add(alert))));
        }
        Concurrently.run(16, thread -> {
            for (int i = 0; i < 5; i++) {
                instances.get(thread).recordUsage(acme, "openai", "tokens", 1);
            }
            return null;
        });

        assertThat(storedAlerts()).singleElement().asString().startsWith("SOFT_LIMIT_REACHED");
        assertThat(alertEvents).extracting(BudgetAlert::id).as("recorded again by others, under the one id")
                .containsOnly(alertEvents.getFirst().id());
    }

    /** The alerts in the outbox's table, as "KIND window-start". */
    private List<String> storedAlerts() {
        return router.tabular(acme).store().list(new TableRef("acme", "budget_alerts"), "alert:", PageRequest.first(100))
                .items().stream().map(i -> i.string("kind") + " " + i.string("window_start")).toList();
    }

    // ---- reservations ----

    @Test
    public void racingReservationsNeverLetUsedPlusHeldPassTheHardLimitAndUsageIsWhatWasCommitted() throws Exception {
        budgets.setLimits(acme, "openai", "tokens", null, 100.0, BudgetPeriod.of("month", "UTC", null));
        DoubleAdder committed = new DoubleAdder();
        AtomicBoolean racing = new AtomicBoolean(true);
        List<String> overHard = new CopyOnWriteArrayList<>();
        Thread watcher = Thread.ofPlatform().start(() -> {
            while (racing.get()) {
                budgets.get(acme, "openai", "tokens").ifPresent(b -> {
                    if (b.usage() + b.held() > 100.0) {
                        overHard.add("used " + b.usage() + " + held " + b.held());
                    }
                });
            }
        });
        List<int[]> outcomes;
        try {
            outcomes = Concurrently.run(16, thread -> {
                Random random = new Random(thread);
                int reserved = 0;
                int refused = 0;
                for (int i = 0; i < 12; i++) {
                    int estimate = 1 + random.nextInt(20);
                    Reservation r;
                    try {
                        r = budgets.reserve(acme, "openai", "tokens", estimate, Duration.ofMinutes(5), "run-" + thread,
                                String.valueOf(i), UsageToken.forCall());
                    } catch (BudgetExceeded e) {
                        refused++;
                        continue;
                    }
                    reserved++;
                    if (random.nextBoolean()) {
                        int actual = random.nextInt(estimate + 1);
                        ReservationEnd end = budgets.commit(acme, "openai", "tokens", r.id(), actual);
                        assertThat(end.overrun()).isFalse();
                        committed.add(actual);
                    } else {
                        budgets.release(acme, "openai", "tokens", r.id());
                    }
                }
                return new int[] {reserved, refused};
            });
        } finally {
            racing.set(false);
            watcher.join();
        }

        BudgetUsageRecord after = budgets.get(acme, "openai", "tokens").orElseThrow();
        assertThat(overHard).as("moments used + held passed the hard limit").isEmpty();
        assertThat(after.held()).isZero();
        assertThat(after.usage()).as("exactly the committed amounts").isEqualTo(committed.sum());
        assertThat(outcomes.stream().mapToInt(o -> o[0]).sum()).isPositive();
    }

    @Test
    public void aReservationHoldsAgainstTheHardLimitAndItsCommitIsOneStep() {
        budgets.setLimits(acme, "openai", "tokens", null, 100.0);
        Reservation r = budgets.reserve(acme, "openai", "tokens", 60, Duration.ofMinutes(1), "run-1", "step-1",
                UsageToken.forCall());
        assertThat(r.budget().held()).isEqualTo(60.0);
        assertThat(r.budget().remaining()).isEqualTo(40.0);
        assertThat(r.expiresAt()).isEqualTo(clock.instant().plusSeconds(60));
        assertThatThrownBy(() -> budgets.reserve(acme, "openai", "tokens", 41, Duration.ofMinutes(1), null, null,
                UsageToken.forCall())).isInstanceOf(BudgetExceeded.class);
        assertThatThrownBy(() -> budgets.recordUsage(acme, "openai", "tokens", 41)).as("increments respect holds too")
                .isInstanceOf(BudgetExceeded.class);

        ReservationEnd end = budgets.commit(acme, "openai", "tokens", r.id(), 45);

        assertThat(end.kind()).isEqualTo(ReservationEnd.Kind.COMMITTED);
        assertThat(end.budget().usage()).isEqualTo(45.0);
        assertThat(end.budget().held()).isZero();
        assertThat(budgets.commit(acme, "openai", "tokens", r.id(), 45).replayed()).isTrue();
        assertThatThrownBy(() -> budgets.commit(acme, "openai", "tokens", r.id(), 46))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        assertThatThrownBy(() -> budgets.release(acme, "openai", "tokens", r.id()))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        assertThat(budgets.get(acme, "openai", "tokens").orElseThrow().usage()).isEqualTo(45.0);
    }

    @Test
    public void aReleaseFreesTheHoldOnceAndAnUnknownReservationIsNotFound() {
        budgets.setLimits(acme, "openai", "tokens", null, 100.0);
        Reservation r = budgets.reserve(acme, "openai", "tokens", 90, Duration.ofMinutes(1), null, null,
                UsageToken.forCall());

        ReservationEnd released = budgets.release(acme, "openai", "tokens", r.id());

        assertThat(released.kind()).isEqualTo(ReservationEnd.Kind.RELEASED);
        assertThat(released.budget().held()).isZero();
        assertThat(budgets.release(acme, "openai", "tokens", r.id()).replayed()).isTrue();
        assertThatThrownBy(() -> budgets.commit(acme, "openai", "tokens", r.id(), 5))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        assertThat(budgets.recordUsage(acme, "openai", "tokens", 100).record().usage()).isEqualTo(100.0);
        assertThatThrownBy(() -> budgets.commit(acme, "openai", "tokens", "rsv_none", 1))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    public void anExpiredHoldStopsCountingByItselfAndItsLateCommitIsStillRecorded() {
        budgets.setLimits(acme, "openai", "tokens", null, 100.0);
        Reservation stale = budgets.reserve(acme, "openai", "tokens", 80, Duration.ofSeconds(30), null, null,
                UsageToken.forCall());
        clock.advance(Duration.ofSeconds(30));

        assertThat(budgets.get(acme, "openai", "tokens").orElseThrow().held()).as("expired: holds nothing").isZero();
        assertThat(budgets.check(acme, "openai", "tokens", 90).allowed()).isTrue();
        Reservation fresh = budgets.reserve(acme, "openai", "tokens", 90, Duration.ofSeconds(30), null, null,
                UsageToken.forCall());
        assertThat(fresh.budget().held()).isEqualTo(90.0);
        assertThat(budgets.release(acme, "openai", "tokens", stale.id()).kind()).isEqualTo(ReservationEnd.Kind.EXPIRED);

        ReservationEnd late = budgets.commit(acme, "openai", "tokens", stale.id(), 20);

        assertThat(late.amount()).isEqualTo(20.0);
        assertThat(late.budget().usage()).as("the spend happened: recorded").isEqualTo(20.0);
        assertThat(budgets.commit(acme, "openai", "tokens", stale.id(), 20).replayed()).isTrue();
        assertThat(budgets.get(acme, "openai", "tokens").orElseThrow().usage()).isEqualTo(20.0);
    }

    @Test
    public void endedReservationsLeaveTheBudgetsItemSmall() {
        budgets.setLimits(acme, "openai", "tokens", null, 1e9);
        for (int i = 0; i < 150; i++) {
            Reservation r = budgets.reserve(acme, "openai", "tokens", 5, Duration.ofMinutes(1), null, null,
                    UsageToken.forCall());
            if (i % 2 == 0) {
                budgets.commit(acme, "openai", "tokens", r.id(), 3);
            } else {
                budgets.release(acme, "openai", "tokens", r.id());
            }
        }
        Reservation keyed = budgets.reserve(acme, "openai", "tokens", 5, Duration.ofMinutes(1), null, null,
                UsageToken.clientKey("kept-a-day"));
        budgets.commit(acme, "openai", "tokens", keyed.id(), 4);
        budgets.recordUsage(acme, "openai", "tokens", 1);

        var item = router.tabular(acme).store().get(BudgetMapping.key("acme", "default", "openai", "tokens")).orElseThrow();
        assertThat(item.attributes().keySet().stream().filter(k -> k.startsWith("res:") || k.startsWith("end:")))
                .as("what 151 ended reservations left on the item: the keyed one's end, for its key's day")
                .containsExactly("end:" + keyed.id());
        assertThat(budgets.reserve(acme, "openai", "tokens", 5, Duration.ofMinutes(1), null, null,
                UsageToken.clientKey("kept-a-day")).replayed()).as("its key still answers").isTrue();
        assertThat(budgets.get(acme, "openai", "tokens").orElseThrow().usage()).isEqualTo(75 * 3 + 4 + 1);
        clock.advance(Duration.ofHours(25));
        budgets.recordUsage(acme, "openai", "tokens", 1);
        assertThat(router.tabular(acme).store().get(BudgetMapping.key("acme", "default", "openai", "tokens"))
                .orElseThrow().attributes().keySet()).as("a day later").noneMatch(k -> k.startsWith("end:"));
    }

    @Test
    public void anOverrunIsRecordedAsItIsAndRefusesMoreUntilTheWindowHasRoom() {
        budgets.setLimits(acme, "openai", "tokens", null, 100.0, BudgetPeriod.of("day", "UTC", null));
        clock.set(Instant.parse("2026-02-02T10:00:00Z"));
        Reservation r = budgets.reserve(acme, "openai", "tokens", 10, Duration.ofMinutes(5), null, null,
                UsageToken.forCall());

        ReservationEnd end = budgets.commit(acme, "openai", "tokens", r.id(), 150);

        assertThat(end.overrun()).isTrue();
        assertThat(end.budget().usage()).isEqualTo(150.0);
        assertThat(end.budget().overrun()).isTrue();
        assertThatThrownBy(() -> budgets.reserve(acme, "openai", "tokens", 1, Duration.ofMinutes(1), null, null,
                UsageToken.forCall())).isInstanceOf(BudgetExceeded.class);
        assertThatThrownBy(() -> budgets.recordUsage(acme, "openai", "tokens", 0.5)).isInstanceOf(BudgetExceeded.class);
        clock.set(Instant.parse("2026-02-03T00:00:00Z"));
        assertThat(budgets.reserve(acme, "openai", "tokens", 100, Duration.ofMinutes(1), null, null,
                UsageToken.forCall()).budget().held()).as("the next window has room").isEqualTo(100.0);
    }

    @Test
    public void aReservationKeyMakesOneReservationAndACommitLandsInItsReservationsWindow() {
        budgets.setLimits(acme, "openai", "tokens", null, 100.0, BudgetPeriod.of("day", "UTC", null));
        clock.set(Instant.parse("2026-04-04T23:59:00Z"));
        Reservation first = budgets.reserve(acme, "openai", "tokens", 30, Duration.ofMinutes(5), "run-1", null,
                UsageToken.clientKey("rk-1"));
        Reservation again = budgets.reserve(acme, "openai", "tokens", 30, Duration.ofMinutes(5), "run-1", null,
                UsageToken.clientKey("rk-1"));
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.replayed()).isTrue();
        assertThat(again.budget().held()).isEqualTo(30.0);
        assertThatThrownBy(() -> budgets.reserve(acme, "openai", "tokens", 31, Duration.ofMinutes(5), null, null,
                UsageToken.clientKey("rk-1")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        clock.set(Instant.parse("2026-04-05T00:01:00Z"));

        ReservationEnd end = budgets.commit(acme, "openai", "tokens", first.id(), 25);

        assertThat(end.budget().usage()).as("today's window").isZero();
        assertThat(end.budget().lifetimeUsage()).isEqualTo(25.0);
        clock.set(Instant.parse("2026-04-04T23:59:30Z"));
        assertThat(budgets.get(acme, "openai", "tokens").orElseThrow().usage()).as("the reservation's window")
                .isEqualTo(25.0);
    }

    @Test
    public void budgetsAndReservationsAreTheTenantsOwn() {
        budgets.setLimits(acme, "openai", "tokens", null, 10.0);
        Reservation r = budgets.reserve(acme, "openai", "tokens", 10, Duration.ofMinutes(1), null, null,
                UsageToken.clientKey("shared-key"));

        assertThatThrownBy(() -> budgets.commit(globex, "openai", "tokens", r.id(), 1))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        Reservation theirs = budgets.reserve(globex, "openai", "tokens", 10, Duration.ofMinutes(1), null, null,
                UsageToken.clientKey("shared-key"));
        assertThat(theirs.replayed()).as("the same key is another tenant's own").isFalse();
        assertThat(budgets.get(globex, "openai", "tokens").orElseThrow().hardLimit()).isNull();
        assertThat(budgets.get(acme, "openai", "tokens").orElseThrow().held()).isEqualTo(10.0);
    }
}
