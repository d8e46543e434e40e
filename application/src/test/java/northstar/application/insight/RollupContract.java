package northstar.application.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import northstar.adapters.persistence.journal.FileRollupLog;
import northstar.application.EmbeddedBackends;
import northstar.application.alerts.AlertOutbox;
import northstar.application.analytics.AnalyticsService;
import northstar.application.analytics.BatchItemResult;
import northstar.application.analytics.NewEvent;
import northstar.application.attribution.AttributionService;
import northstar.application.budget.BudgetService;
import northstar.application.routing.BackendCatalog;
import northstar.application.routing.StoreRouter;
import northstar.domain.Ids;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.ProjectScope;
import northstar.domain.RequestContext;
import northstar.domain.analytics.AnalyticsQuery;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.EventBatch;
import northstar.domain.analytics.EventStatus;
import northstar.domain.analytics.IngestResult;
import northstar.domain.analytics.Platform;
import northstar.domain.analytics.UsageReport;
import northstar.domain.analytics.Utm;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;
import northstar.domain.tabular.TableRef;
import northstar.domain.tabular.TabularItem;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TabularStore;
import northstar.domain.tabular.WriteCondition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rollup kit: ingest through the use cases over one backend's analytics and tabular stores (the
 * same backend for both, against its real local server), the counters written by {@link Rollups},
 * checked against a recount of the stored events made here from a range query. Clauses: every newly
 * stored event is counted once and a replay never; random crashes between storing and counting (a
 * process abandoned after its store call, after counting in memory, or halfway through writing the
 * counts) are repaired by the next process from the rollup log; a rebuild recounts whole; tenant
 * isolation; the report reads the counters.
 *
 * <p>Members are public: this package is exported, not opened, to the test engine.
 */
public abstract class RollupContract {
    static final Instant T0 = Instant.parse("2026-11-30T22:00:00Z");
    static final List<String> APPS = List.of("agent", "coder", "scout");
    static final List<String> SOURCES = List.of("newsletter", "partner_blog", "podcast");

    /** The analytics store of the backend under test (one per test class; tests keep apart by tenant). */
    protected abstract AnalyticsStore newAnalyticsStore(Path dir);

    /** The tabular store of the backend under test, beside it. */
    protected abstract TabularStore newTabularStore(Path dir);

    protected abstract String backendType();

    /** The stores of each test class: made once (tables and containers take seconds), closed after its tests. */
    private static final Map<Class<?>, AutoCloseable[]> STORES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final AtomicInteger TENANTS = new AtomicInteger();
    private static Path classDir;

    /** Tenants of this test alone, so tests share the stores of their class without seeing each other. */
    protected final RequestContext acme = EmbeddedBackends.lab("acme" + TENANTS.incrementAndGet());
    protected final RequestContext globex = EmbeddedBackends.lab("globex" + TENANTS.incrementAndGet());
    private AnalyticsStore analytics;
    private TabularStore tabular;
    private Path dir;
    private final List<Process> processes = new ArrayList<>();
    /** Set to make the store calls throw a crash: the analytics store after it wrote, the tabular store's increments. */
    final AtomicInteger crashAfterIngests = new AtomicInteger(-1);
    final AtomicInteger crashAfterIncrements = new AtomicInteger(-1);

    /** Stands for the process dying: thrown past every catch of RuntimeException. */
    static final class Crash extends Error {
        Crash() {
            super("simulated crash", null, false, false);
        }
    }

    /** One process of the service: its router over the shared stores, its rollups, its log handle. */
    final class Process {
        final StoreRouter router;
        final Rollups rollups;
        final AnalyticsService service;
        final BudgetService budgets;
        final InsightService insight;

        Process() {
            BackendCatalog catalog = new BackendCatalog()
                    .analytics(backendType(), route -> crashing(analytics))
                    .tabular(backendType(), route -> crashing(tabular));
            router = new StoreRouter(RoutingTable.of(new Route(ResourceKind.ANALYTICS_STORE, backendType(), Map.of()),
                    new Route(ResourceKind.TABULAR_STORE, backendType(), Map.of())), catalog);
            Clock clock = Clock.systemUTC();
            rollups = new Rollups(router, FileRollupLog.open(dir.resolve("rollups.log")), clock,
                    tenant -> tenant.equals(acme.tenantId()) ? acme : tenant.equals(globex.tenantId()) ? globex : null);
            budgets = new BudgetService(router, clock, new AlertOutbox(router, t -> List.of(),
                    (ctx, alert) -> { }));
            service = new AnalyticsService(router, new AttributionService(router, clock, Ids::newId), budgets, clock,
                    Ids::newId, null, Duration.ZERO, rollups);
            insight = new InsightService(router, rollups, new northstar.application.media.MediaService(router,
                    new northstar.application.objects.ObjectStorageService(router), clock, Ids::newId));
            processes.add(this);
        }
    }

    @BeforeEach
    public void openStores() throws IOException {
        if (classDir == null) {
            classDir = Files.createTempDirectory("northstar-rollup-stores-");
        }
        AutoCloseable[] stores = STORES.computeIfAbsent(getClass(), c -> new AutoCloseable[] {
                newAnalyticsStore(classDir), newTabularStore(classDir)});
        analytics = (AnalyticsStore) stores[0];
        tabular = (TabularStore) stores[1];
        dir = Files.createTempDirectory("northstar-rollups-");
    }

    @AfterEach
    public void deleteLog() throws IOException {
        deleteTree(dir);
    }

    @org.junit.jupiter.api.AfterAll
    public static void closeStores() throws Exception {
        for (AutoCloseable[] stores : STORES.values()) {
            for (AutoCloseable s : stores) {
                s.close();
            }
        }
        STORES.clear();
        if (classDir != null) {
            deleteTree(classDir);
            classDir = null;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    // ---- counted once ----

    @Test
    public void everyStoredEventIsCountedOnceAndAReplayNever() {
        Process p = new Process();
        p.budgets.setLimits(acme, "openai", "tokens", 1e9, 1e9);
        Random random = new Random(7);
        List<NewEvent> sent = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            List<NewEvent> batch = events(random, "b" + b, 30);
            sent.addAll(batch);
            p.service.ingestBatch(acme, batch);
            // a replay of part of what was sent before: stored before, never counted again
            p.service.ingestBatch(acme, sent.subList(b * 5, b * 5 + 20));
        }
        p.rollups.flush();

        assertCountersEqualRecount(acme);
        long counted = counters(acme).stream().filter(i -> i.key().key().startsWith("h/"))
                .mapToLong(i -> Math.round(i.number("count"))).sum();
        assertThat(counted).isEqualTo(sent.size());
    }

    @Test
    public void refusedEventsAreCountedAsGatechainerrorsAndChargeNoUsage() {
        Process p = new Process();
        p.budgets.setLimits(acme, "openai", "tokens", 250.0, 500.0);
        List<BatchItemResult> results = p.service.ingestBatch(acme, List.of(
                usage("u-1", 200), usage("u-2", 200), usage("u-3", 200)));
        assertThat(results.stream().filter(r -> !r.ok()).count()).isEqualTo(1);
        p.rollups.flush();

        Report r = p.insight.report(acme, ProjectScope.of(acme), T0, T0.plusSeconds(3600), "hour", List.of("status"));
        Map<String, Report.Point> byStatus = new HashMap<>();
        r.series().forEach(s -> byStatus.put(s.group().get("status"), s.points().getFirst()));
        assertThat(byStatus.get("success").events()).isEqualTo(2);
        assertThat(byStatus.get("success").usage()).containsExactly(new Report.UsageSum("openai", "tokens", 400));
        assertThat(byStatus.get("gatechainerror").events()).isEqualTo(1);
        assertThat(byStatus.get("gatechainerror").gatechainErrorRate()).isEqualTo(1.0);
        assertThat(byStatus.get("gatechainerror").usage()).isEmpty();
        assertCountersEqualRecount(acme);
    }

    @Test
    public void aWriteRetriedAfterItAppliedCountsOnce() {
        Process p = new Process();
        p.service.ingestBatch(acme, events(new Random(3), "r", 20));
        // every increment applies, then answers as if it had failed: the flush's retry must find its token
        crashAfterIncrements.set(-2);
        assertThatThrownBy(p.rollups::flush).isInstanceOf(northstar.domain.StoreException.class);
        crashAfterIncrements.set(-1);
        p.rollups.flush();
        assertCountersEqualRecount(acme);
    }

    // ---- crashes between the two writes ----

    @Test
    public void randomCrashesBetweenStoringAndCountingAreRepairedByTheNextProcess() {
        Random random = new Random(2026);
        new Process().budgets.setLimits(acme, "openai", "tokens", 1e9, 1e9);
        List<NewEvent> sent = new ArrayList<>();
        int crashes = 0;
        for (int round = 0; round < 7; round++) {
            Process p = new Process();
            try {
                for (int b = 0; b < 4; b++) {
                    List<NewEvent> batch = events(random, "r" + round + "b" + b, 1 + random.nextInt(25));
                    sent.addAll(batch);
                    int where = random.nextInt(4);
                    if (where == 0) {
                        crashAfterIngests.set(0); // the events are stored, the process dies before counting
                    }
                    p.service.ingestBatch(acme, batch);
                    if (random.nextBoolean() && !sent.isEmpty()) { // a client retrying something sent earlier
                        p.service.ingestBatch(acme, List.of(sent.get(random.nextInt(sent.size()))));
                    }
                    if (where == 1) {
                        crashAfterIncrements.set(random.nextInt(6)); // dies halfway through writing counts
                        p.rollups.flush();
                        crashAfterIncrements.set(-1);
                    } else if (where == 2) {
                        p.rollups.flush();
                    }
                }
                if (round == 6) { // the last round always leaves counts in memory: the next process has a repair to do
                    List<NewEvent> tail = events(random, "tail", 10);
                    sent.addAll(tail);
                    p.service.ingestBatch(acme, tail);
                    throw new Crash();
                }
                if (random.nextBoolean()) {
                    throw new Crash(); // counted in memory only, then gone
                }
                p.rollups.flush();
            } catch (Crash c) {
                crashes++;
            } finally {
                crashAfterIngests.set(-1);
                crashAfterIncrements.set(-1);
            }
        }
        assertThat(crashes).as("crashes injected").isGreaterThanOrEqualTo(3);

        Process last = new Process();
        assertThat(last.rollups.recovered()).isFalse();
        last.rollups.flush();
        assertThat(last.rollups.recovered()).isTrue();
        assertCountersEqualRecount(acme);
        long stored = recount(acme).values().stream().filter(c -> c.bucket().startsWith("h/"))
                .mapToLong(c -> Math.round(c.fields().get("count"))).sum();
        assertThat(stored).isEqualTo(sent.stream().map(NewEvent::analyticsId).distinct().count());
        assertSessionSummariesEqualTheEvents(last);
    }

    @Test
    public void aSessionSummaryCountsItsRunsOutcomesAndUsage() {
        Process p = new Process();
        p.budgets.setLimits(acme, "openai", "tokens", null, 150.0);
        List<NewEvent> sent = new ArrayList<>(events(new Random(21), "ss", 60));
        p.service.ingestBatch(acme, sent);
        p.service.ingestBatch(acme, sent.subList(0, 20)); // a replay changes nothing
        p.rollups.flush();

        assertSessionSummariesEqualTheEvents(p);
        SessionSummary one = p.insight.sessionSummary(acme, ProjectScope.of(acme), "s-1");
        assertThat(one.gatechainErrors()).as("the budget refused some").isPositive();
        assertThat(one.runs()).extracting(SessionSummary.RunCount::runId).containsExactly("run-ss");
        assertThatThrownBy(() -> p.insight.sessionSummary(acme, ProjectScope.of(acme), "s-none"))
                .hasMessageContaining("session s-none");
        assertThatThrownBy(() -> p.insight.sessionSummary(globex, ProjectScope.of(globex), "s-1"))
                .as("another tenant's session").hasMessageContaining("session s-1");
    }

    /** Each session's summary holds what its stored events say: events, outcomes, runs and usage charged. */
    void assertSessionSummariesEqualTheEvents(Process p) {
        Map<String, List<AnalyticsRecord>> bySession = new TreeMap<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<AnalyticsRecord> events = analytics.query(acme.tenantId(), ProjectScope.ALL, new AnalyticsQuery(
                    T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)), Optional.empty(), Optional.empty(), page));
            events.items().stream().filter(r -> r.dimensions().sessionId() != null)
                    .forEach(r -> bySession.computeIfAbsent(r.dimensions().sessionId(), k -> new ArrayList<>()).add(r));
            if (events.nextCursor().isEmpty()) {
                break;
            }
            page = page.next(events.nextCursor().get());
        }
        assertThat(bySession).isNotEmpty();
        bySession.forEach((session, records) -> {
            SessionSummary s = p.insight.sessionSummary(acme, ProjectScope.ALL, session);
            assertThat(s.events()).as(session).isEqualTo(records.size());
            assertThat(s.errors()).as(session).isEqualTo(records.stream().filter(r -> r.status() == EventStatus.ERROR)
                    .count());
            assertThat(s.gatechainErrors()).as(session).isEqualTo(records.stream()
                    .filter(r -> r.status() == EventStatus.GATECHAINERROR).count());
            Map<String, Long> runs = new TreeMap<>();
            records.stream().filter(r -> r.dimensions().runId() != null)
                    .forEach(r -> runs.merge(r.dimensions().runId(), 1L, Long::sum));
            Map<String, Long> summarised = new TreeMap<>();
            s.runs().forEach(r -> summarised.put(r.runId(), r.events()));
            assertThat(summarised).as(session).isEqualTo(runs);
            double charged = records.stream().filter(r -> r.usage() != null && r.status() != EventStatus.GATECHAINERROR)
                    .mapToDouble(r -> r.usage().amount()).sum();
            assertThat(s.usage().stream().mapToDouble(Report.UsageSum::amount).sum()).as(session).isEqualTo(charged);
            assertThat(s.mediaCount()).isZero();
        });
    }

    @Test
    public void aStoreCallThatFailsAfterWritingIsCountedWhenItsEventsAreFoundStored() {
        Process p = new Process();
        List<NewEvent> batch = events(new Random(11), "f", 30);
        crashAfterIngests.set(-2); // the store writes, then answers with a retryable failure
        assertThatThrownBy(() -> p.service.ingestBatch(acme, batch)).isInstanceOf(northstar.domain.StoreException.class);
        crashAfterIngests.set(-1);
        p.rollups.flush();
        assertThat(counters(acme)).isEmpty(); // not yet: the failed call is given its grace

        // the client retries part of it: Existing, stored by the failed call, so counted now; the
        // rest wait for the look-up
        p.service.ingestBatch(acme, batch.subList(0, 10));
        p.rollups.flush();
        assertThat(counters(acme).stream().filter(i -> i.key().key().startsWith("h/"))
                .mapToLong(i -> Math.round(i.number("count"))).sum()).isEqualTo(10);

        p.rollups.resolveSuspectsOlderThan(Duration.ZERO);
        p.rollups.flush();
        assertCountersEqualRecount(acme);
        assertThat(recount(acme)).isNotEmpty();
    }

    // ---- rebuild, isolation, report ----

    @Test
    public void aRebuildRecountsWholeBucketsFromTheEvents() {
        Process p = new Process();
        p.service.ingestBatch(acme, events(new Random(5), "x", 50));
        p.rollups.flush();
        // counters broken by hand: one wrong, one made up
        TabularItem some = counters(acme).getFirst();
        tabular.put(some.key(), Map.of("count", 999.0, "start", some.string("start"), "project_id", "default"),
                WriteCondition.NONE);
        tabular.put(new TabularKey(acme.tenantId(), RollupKeys.TABLE, "h/2026-11-30/22/default/ghost/web/success"),
                Map.of("count", 5.0, "start", "2026-11-30T22:00:00Z", "project_id", "default"), WriteCondition.NONE);

        long events = p.rollups.rebuild(acme, T0, T0.plus(Duration.ofHours(3)));

        assertThat(events).isEqualTo(50);
        assertCountersEqualRecount(acme);
    }

    @Test
    public void tenantsCountAndReadOnlyTheirOwn() {
        Process p = new Process();
        p.service.ingestBatch(acme, events(new Random(1), "a", 30));
        p.service.ingestBatch(globex, events(new Random(2), "g", 12));
        p.rollups.flush();

        assertCountersEqualRecount(acme);
        assertCountersEqualRecount(globex);
        long globexEvents = p.insight.report(globex, ProjectScope.ALL, T0, T0.plus(Duration.ofHours(3)), "hour",
                List.of()).series().stream().mapToLong(Report.Series::events).sum();
        assertThat(globexEvents).isEqualTo(12);
    }

    @Test
    public void theReportGroupsTheCountersByTimeAndByCampaign() {
        Process p = new Process();
        List<NewEvent> sent = events(new Random(9), "rep", 120);
        p.service.ingestBatch(acme, sent);
        p.rollups.flush();

        Report byApp = p.insight.report(acme, ProjectScope.of(acme), T0, T0.plus(Duration.ofHours(3)), "hour",
                List.of("app", "status"));
        Map<String, Long> expected = new TreeMap<>();
        for (NewEvent e : sent) {
            expected.merge(e.dimensions().app() + "|" + e.status().wireName() + "|"
                    + e.timestamp().truncatedTo(java.time.temporal.ChronoUnit.HOURS), 1L, Long::sum);
        }
        Map<String, Long> actual = new TreeMap<>();
        byApp.series().forEach(s -> s.points().forEach(pt -> actual.merge(s.group().get("app") + "|"
                + s.group().get("status") + "|" + pt.start(), pt.events(), Long::sum)));
        assertThat(actual).isEqualTo(expected);

        Report byCampaign = p.insight.report(acme, ProjectScope.of(acme), T0, T0.plus(Duration.ofDays(1)), "day",
                List.of("utm_source"));
        Map<String, Long> campaigns = new TreeMap<>();
        byCampaign.series().forEach(s -> campaigns.put(String.valueOf(s.group().get("utm_source")), s.events()));
        Map<String, Long> expectedCampaigns = new TreeMap<>();
        sent.forEach(e -> expectedCampaigns.merge(String.valueOf(e.utm().source()), 1L, Long::sum));
        assertThat(campaigns).isEqualTo(expectedCampaigns);

        assertThatThrownBy(() -> p.insight.report(acme, ProjectScope.of(acme), T0, T0.plusSeconds(60), "hour",
                List.of("utm_source"))).hasMessageContaining("granularity");
        assertThatThrownBy(() -> p.insight.report(acme, ProjectScope.of(acme), T0, T0.plusSeconds(60), "week",
                List.of())).hasMessageContaining("granularity");
        assertThatThrownBy(() -> p.insight.report(acme, ProjectScope.of(acme), T0, T0.plusSeconds(60), "hour",
                List.of("session_id"))).hasMessageContaining("group_by");
    }

    // ---- helpers ----

    /** Events over three hours around midnight UTC (two days), apps, platforms, statuses, sources and usage. */
    List<NewEvent> events(Random random, String prefix, int n) {
        List<NewEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant at = T0.plusSeconds(random.nextInt(3 * 3600));
            boolean error = random.nextInt(5) == 0;
            String source = random.nextInt(4) == 0 ? null : SOURCES.get(random.nextInt(SOURCES.size()));
            out.add(new NewEvent(prefix + "-" + i, new Dimensions(APPS.get(random.nextInt(APPS.size())), null,
                    Platform.values()[random.nextInt(2)], "s-" + random.nextInt(3), null, "run-" + prefix, "step_" + i),
                    source == null ? Utm.NONE : new Utm(source, "email", "launch", null, null), Map.of(),
                    random.nextInt(3) == 0 ? new UsageReport("openai", "tokens", 1 + random.nextInt(100)) : null,
                    error ? EventStatus.ERROR : EventStatus.SUCCESS, error ? "tool failed" : null, at));
        }
        return out;
    }

    static NewEvent usage(String id, double amount) {
        return new NewEvent(id, new Dimensions("agent", null, Platform.WEB, null, null, null, null), null, Map.of(),
                new UsageReport("openai", "tokens", amount), EventStatus.SUCCESS, null, T0.plusSeconds(5));
    }

    /** The counters as the rollups wrote them. */
    List<TabularItem> counters(RequestContext ctx) {
        List<TabularItem> out = new ArrayList<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<TabularItem> p = tabular.list(new TableRef(ctx.tenantId(), RollupKeys.TABLE), "", page);
            out.addAll(p.items());
            if (p.nextCursor().isEmpty()) {
                return out;
            }
            page = page.next(p.nextCursor().get());
        }
    }

    /** The counters a recount of every stored event of the tenant gives, by key. */
    Map<String, RollupCounts.Counter> recount(RequestContext ctx) {
        RollupCounts counts = new RollupCounts();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<AnalyticsRecord> p = analytics.query(ctx.tenantId(), ProjectScope.ALL, new AnalyticsQuery(
                    T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)), Optional.empty(), Optional.empty(), page));
            p.items().forEach(counts::add);
            if (p.nextCursor().isEmpty()) {
                return counts.counters();
            }
            page = page.next(p.nextCursor().get());
        }
    }

    /** Every counter holds what the recount gives (count and usage sums), and no counter is without events. */
    void assertCountersEqualRecount(RequestContext ctx) {
        Map<String, Map<String, Double>> expected = new TreeMap<>();
        recount(ctx).forEach((key, c) -> expected.put(key, new TreeMap<>(c.fields())));
        Map<String, Map<String, Double>> actual = new TreeMap<>();
        for (TabularItem i : counters(ctx)) {
            Map<String, Double> fields = new TreeMap<>();
            i.attributes().forEach((name, v) -> {
                if ((name.equals("count") || name.startsWith("u:") || name.startsWith("r:")) && v instanceof Number n) {
                    fields.put(name, n.doubleValue());
                }
            });
            if (fields.getOrDefault("count", 0.0) != 0.0) {
                actual.put(i.key().key(), fields);
            }
        }
        assertThat(actual).isEqualTo(expected);
    }

    private AnalyticsStore crashing(AnalyticsStore store) {
        return new AnalyticsStore() {
            @Override
            public List<IngestResult> ingest(EventBatch<AnalyticsRecord> batch) {
                List<IngestResult> r = store.ingest(batch);
                int c = crashAfterIngests.get();
                if (c == 0) {
                    throw new Crash();
                }
                if (c == -2) {
                    throw northstar.domain.StoreException.unavailable(backendType(), "answer lost after the write", null);
                }
                return r;
            }

            @Override
            public Optional<AnalyticsRecord> get(String tenantId, String analyticsId) {
                return store.get(tenantId, analyticsId);
            }

            @Override
            public Page<AnalyticsRecord> query(String tenantId, ProjectScope projects, AnalyticsQuery query) {
                return store.query(tenantId, projects, query);
            }

            @Override
            public Page<AnalyticsRecord> queryByRun(String tenantId, ProjectScope projects, String runId,
                                                    PageRequest page) {
                return store.queryByRun(tenantId, projects, runId, page);
            }

            @Override
            public String backendType() {
                return store.backendType();
            }

            @Override
            public void probe() {
                store.probe();
            }

            @Override
            public void close() {
                // shared by the processes of a test: closed by the test
            }
        };
    }

    private TabularStore crashing(TabularStore store) {
        return new TabularStore() {
            @Override
            public Optional<TabularItem> get(TabularKey key) {
                return store.get(key);
            }

            @Override
            public TabularItem put(TabularKey key, Map<String, Object> attributes, WriteCondition condition) {
                return store.put(key, attributes, condition);
            }

            @Override
            public boolean delete(TabularKey key, WriteCondition condition) {
                return store.delete(key, condition);
            }

            @Override
            public Page<TabularItem> list(TableRef table, String keyPrefix, PageRequest page) {
                return store.list(table, keyPrefix, page);
            }

            @Override
            public TabularItem increment(TabularKey key, String field, double amount, String ceilingField,
                                         Map<String, Object> alsoSet, String unlessPresent, Set<String> alsoRemove) {
                boolean rollup = key.table().equals(RollupKeys.TABLE);
                if (rollup && crashAfterIncrements.get() == 0) {
                    throw new Crash();
                }
                TabularItem r = store.increment(key, field, amount, ceilingField, alsoSet, unlessPresent, alsoRemove);
                if (rollup && crashAfterIncrements.get() > 0) {
                    crashAfterIncrements.decrementAndGet();
                }
                if (rollup && crashAfterIncrements.get() == -2) {
                    throw northstar.domain.StoreException.unavailable(backendType(), "answer lost after the write", null);
                }
                return r;
            }

            @Override
            public String backendType() {
                return store.backendType();
            }

            @Override
            public void probe() {
                store.probe();
            }

            @Override
            public void close() {
                // shared by the processes of a test: closed by the test
            }
        };
    }
}
