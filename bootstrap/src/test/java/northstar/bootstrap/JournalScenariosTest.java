package northstar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import northstar.adapters.persistence.sqlite.SqliteBackends;
import northstar.application.UseCases;
import northstar.application.analytics.BatchItemResult;
import northstar.application.analytics.IngestReceipt;
import northstar.application.analytics.NewEvent;
import northstar.application.routing.BackendCatalog;
import northstar.bootstrap.config.ServiceConfig;
import northstar.bootstrap.config.TenantConfig;
import northstar.domain.ErrorCode;
import northstar.domain.Mode;
import northstar.domain.PageRequest;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.analytics.AnalyticsQuery;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.EventStatus;
import northstar.domain.analytics.Platform;
import northstar.domain.analytics.UsageReport;
import northstar.domain.analytics.Utm;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest journal in process, on real SQLite and a real journal directory, with the analytics or
 * the gates' tabular store frozen, down, or losing its answers: nothing accepted is lost, nothing is
 * stored or charged twice, and every pending event ends up stored and visible to queries.
 */
class JournalScenariosTest {
    static final Duration DEADLINE = Duration.ofMillis(300);
    static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    Path dir;
    Northstar northstar;
    UseCases app;
    FaultyAnalyticsStore analytics;
    FaultyAnalyticsStore globexAnalytics;
    FlakyTabularStore tabular;
    final RequestContext acme = new RequestContext("acme", Mode.LAB, "dev", "proj-1", "user-1", "req-1");

    ServiceConfig config(long journalMaxBytes) {
        RoutingTable routes = RoutingTable.of(new Route(ResourceKind.ANALYTICS_STORE, "sqlite", Map.of("path", "n.db")),
                new Route(ResourceKind.TABULAR_STORE, "sqlite", Map.of("path", "n.db")),
                new Route(ResourceKind.OBJECT_STORE, "filesystem", Map.of("root", "objects")));
        // globex keeps its events in a file of its own: other backends, another circuit
        routes = new RoutingTable(List.copyOf(routes.defaults().values()), Map.of("globex", List.of(
                new Route(ResourceKind.ANALYTICS_STORE, "sqlite", Map.of("path", "globex.db")))));
        return new ServiceConfig("127.0.0.1", 0, dir.resolve("data"), "dev", URI.create("http://127.0.0.1:1"), 1 << 20,
                Duration.ofSeconds(5), List.of(new TenantConfig("acme", Mode.LAB, "proj-1", List.of()),
                new TenantConfig("globex", Mode.LAB, "proj-1", List.of())), routes,
                new ServiceConfig.Ingest(journalMaxBytes, DEADLINE));
    }

    BackendCatalog catalog() {
        SqliteBackends sqlite = new SqliteBackends();
        return new BackendCatalog()
                .analytics("sqlite", r -> {
                    FaultyAnalyticsStore store = new FaultyAnalyticsStore(sqlite.analytics(r));
                    if (r.config().get("path").endsWith("globex.db")) {
                        globexAnalytics = store;
                    } else {
                        analytics = store;
                    }
                    return store;
                })
                .tabular("sqlite", r -> tabular = new FlakyTabularStore(sqlite.tabular(r)))
                .objects("filesystem", r -> BackendTypes.filesystem(r, Clock.systemUTC()));
    }

    void open(long journalMaxBytes) {
        northstar = Northstar.open(config(journalMaxBytes), catalog(), Clock.systemUTC());
        app = northstar.useCases();
    }

    @BeforeEach
    void start() {
        open(ServiceConfig.Ingest.DEFAULT_JOURNAL_MAX_BYTES);
    }

    @AfterEach
    void stop() {
        if (northstar != null) {
            analytics.set(FaultyAnalyticsStore.Mode.NORMAL);
            northstar.close();
        }
    }

    static NewEvent event(String id, String run, String step, UsageReport usage) {
        return new NewEvent(id, new Dimensions("agent_builder", null, Platform.WEB, null, null, run, step), Utm.NONE,
                Map.of("n", 1L), usage, null, null, T);
    }

    static void await(String what, BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    List<AnalyticsRecord> range() {
        return app.analytics().query(acme, new AnalyticsQuery(T.minusSeconds(60), T.plusSeconds(60), Optional.empty(),
                Optional.empty(), PageRequest.first(500))).items();
    }

    @Test
    void aFrozenStoreCostsAnIngestAtMostItsDeadlineAndThePendingEventIsDeliveredOnceItThaws() throws Exception {
        analytics.set(FaultyAnalyticsStore.Mode.FROZEN);

        long started = System.nanoTime();
        IngestReceipt receipt = app.analytics().ingest(acme, event("e-1", "run-1", "step_1", null));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(receipt.pending()).isTrue();
        assertThat(took).isLessThan(DEADLINE.plusSeconds(1));
        assertThat(app.analytics().find(acme, "e-1").pending()).isTrue();
        assertThat(northstar.journal().size()).isEqualTo(1);

        analytics.set(FaultyAnalyticsStore.Mode.NORMAL);
        await("the journal drains", () -> northstar.journal().size() == 0);

        assertThat(app.analytics().find(acme, "e-1").pending()).isFalse();
        assertThat(range()).extracting(AnalyticsRecord::analyticsId).containsExactly("e-1");
        assertThat(app.analytics().eventsOfRun(acme, "run-1", PageRequest.first(10)).items()).hasSize(1);
        assertThat(analytics.storedInOrder).containsExactly("e-1");
    }

    @Test
    void onceABackendIsKnownDownNewEventsAreJournaledAtOnceAndDeliveredInArrivalOrder() throws Exception {
        analytics.set(FaultyAnalyticsStore.Mode.DOWN);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add("o-" + i);
            assertThat(app.analytics().ingest(acme, event("o-" + i, "run-o", "step_" + i, null)).pending()).isTrue();
        }

        analytics.set(FaultyAnalyticsStore.Mode.NORMAL);
        await("the journal drains", () -> northstar.journal().size() == 0);

        assertThat(analytics.storedInOrder).containsExactlyElementsOf(ids);
        assertThat(app.analytics().eventsOfRun(acme, "run-o", PageRequest.first(50)).items())
                .extracting(AnalyticsRecord::analyticsId).containsExactlyElementsOf(ids);
    }

    @Test
    void aWriteThatLandsAfterItsCallerGaveUpIsFinishedByTheServiceAndChargedOnce() throws Exception {
        app.budgets().setLimits(acme, "openai", "tokens", null, 100.0);
        analytics.set(FaultyAnalyticsStore.Mode.LANDS_THEN_FAILS);

        IngestReceipt receipt = app.analytics().ingest(acme, event("late-1", "run-l", "step_1",
                new UsageReport("openai", "tokens", 5)));
        analytics.set(FaultyAnalyticsStore.Mode.NORMAL);
        await("the journal drains", () -> northstar.journal().size() == 0);

        assertThat(receipt.pending()).isTrue();
        assertThat(range()).extracting(AnalyticsRecord::analyticsId).containsExactly("late-1");
        assertThat(app.budgets().get(acme, "openai", "tokens").orElseThrow().usage()).isEqualTo(5.0);
    }

    @Test
    void aStoreWhoseSdkRetryMeetsItsOwnFirstWriteDoesNotCallAFirstTimeEventReplayed() {
        analytics.set(FaultyAnalyticsStore.Mode.SDK_RETRIES);

        IngestReceipt receipt = app.analytics().ingest(acme, event("sdk-1", "run-s", "step_1", null));

        assertThat(receipt.replayed()).isFalse();
        assertThat(receipt.pending()).isFalse();
        assertThat(app.analytics().ingest(acme, event("sdk-1", "run-s", "step_1", null)).replayed()).isTrue();
    }

    @Test
    void aRetriedBodyWithoutATimestampIsAReplayNotAConflict() {
        NewEvent noTime = new NewEvent("nt-1", new Dimensions("agent_builder", null, Platform.WEB, null, null, null, null),
                Utm.NONE, Map.of(), null, null, null, null);

        IngestReceipt first = app.analytics().ingest(acme, noTime);
        IngestReceipt again = app.analytics().ingest(acme, noTime);

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
    }

    @Test
    void anEventWhoseGatesBackendIsDownIsJournaledAndChargedOnceAtDelivery() throws Exception {
        app.budgets().setLimits(acme, "openai", "tokens", null, 100.0);
        tabular.down = true;

        List<IngestReceipt> receipts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            receipts.add(app.analytics().ingest(acme, event("g-" + i, "run-g", "step_" + i,
                    new UsageReport("openai", "tokens", 3))));
        }
        tabular.down = false;
        await("the journal drains", () -> northstar.journal().size() == 0);

        assertThat(receipts).allSatisfy(r -> assertThat(r.pending()).isTrue());
        assertThat(range()).hasSize(5);
        assertThat(app.budgets().get(acme, "openai", "tokens").orElseThrow().usage()).isEqualTo(15.0);
    }

    @Test
    void aFullJournalAnswersRetryableResourceExhaustedAndDropsNothingItAccepted() throws Exception {
        northstar.close();
        open(1024 * 1024);
        analytics.set(FaultyAnalyticsStore.Mode.DOWN);
        String blob = "x".repeat(64 * 1024);
        List<String> accepted = new ArrayList<>();
        StoreException full = null;
        for (int i = 0; i < 40 && full == null; i++) {
            NewEvent e = new NewEvent("f-" + i, new Dimensions("agent_builder", null, Platform.WEB, null, null, null, null),
                    Utm.NONE, Map.of("blob", blob), null, null, null, T);
            try {
                app.analytics().ingest(acme, e);
                accepted.add("f-" + i);
            } catch (StoreException refused) {
                full = refused;
            }
        }

        assertThat(full).isNotNull();
        assertThat(full.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
        assertThat(full.retryable()).isTrue();
        assertThat(northstar.journal().bytes()).isLessThanOrEqualTo(1024 * 1024);
        analytics.set(FaultyAnalyticsStore.Mode.NORMAL);
        await("the journal drains", () -> northstar.journal().size() == 0);
        assertThat(range()).extracting(AnalyticsRecord::analyticsId).containsExactlyInAnyOrderElementsOf(accepted);
    }

    @Test
    void pendingEventsSurviveAStopAndAreDeliveredByTheNextStart() throws Exception {
        analytics.set(FaultyAnalyticsStore.Mode.DOWN);
        List<BatchItemResult> batch = app.analytics().ingestBatch(acme, List.of(event("r-1", "run-r", "step_1", null),
                event("r-2", "run-r", "step_2", null)));
        assertThat(batch).allSatisfy(r -> assertThat(r.receipt().pending()).isTrue());
        northstar.close();

        open(ServiceConfig.Ingest.DEFAULT_JOURNAL_MAX_BYTES);
        await("the journal drains", () -> northstar.journal().size() == 0);

        assertThat(app.analytics().eventsOfRun(acme, "run-r", PageRequest.first(10)).items())
                .extracting(AnalyticsRecord::analyticsId).containsExactly("r-1", "r-2");
    }

    @Test
    void oneTenantsOutageNeitherDelaysNorJournalsAnotherTenantsEvents() throws Exception {
        RequestContext globex = new RequestContext("globex", Mode.LAB, "dev", "proj-1", "user-2", "req-2");
        analytics.set(FaultyAnalyticsStore.Mode.DOWN);
        assertThat(app.analytics().ingest(acme, event("a-1", null, null, null)).pending()).isTrue();

        IngestReceipt other = app.analytics().ingest(globex, event("b-1", null, null, null));

        assertThat(other.pending()).isFalse();
        assertThat(globexAnalytics.storedInOrder).containsExactly("b-1");
        assertThat(northstar.journal().holds("acme")).isTrue();
        assertThat(northstar.journal().holds("globex")).isFalse();
        analytics.set(FaultyAnalyticsStore.Mode.NORMAL);
        await("the journal drains", () -> northstar.journal().size() == 0);
        assertThat(app.analytics().get(acme, "a-1").analyticsId()).isEqualTo("a-1");
    }

    @Test
    void aJournaledEventItsStoreRefusesAsInvalidIsStoredAsAnErrorWithTheReasonAndTheRestDelivered() throws Exception {
        analytics.set(FaultyAnalyticsStore.Mode.DOWN);
        NewEvent poison = new NewEvent("p-1", new Dimensions("agent_builder", null, Platform.WEB, null, null, "run-p",
                "step_1"), Utm.NONE, Map.of("poison", true), null, null, null, T);
        List<BatchItemResult> accepted = app.analytics().ingestBatch(acme, List.of(poison,
                event("p-2", "run-p", "step_2", null)));
        assertThat(accepted).allSatisfy(r -> assertThat(r.receipt().pending()).isTrue());

        analytics.set(FaultyAnalyticsStore.Mode.NORMAL);
        await("the journal drains", () -> northstar.journal().size() == 0);

        AnalyticsRecord refused = app.analytics().get(acme, "p-1");
        assertThat(refused.status()).isEqualTo(EventStatus.ERROR);
        assertThat(refused.errorMessage()).startsWith("journal delivery refused: ").contains("payload refused by the store");
        assertThat(refused.payload()).doesNotContainKey("poison");
        assertThat(app.analytics().get(acme, "p-2").status()).isEqualTo(EventStatus.SUCCESS);
    }
}
