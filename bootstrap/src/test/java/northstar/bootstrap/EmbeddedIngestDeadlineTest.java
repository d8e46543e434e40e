package northstar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import northstar.adapters.persistence.sqlite.SqliteBackends;
import northstar.application.UseCases;
import northstar.application.analytics.IngestReceipt;
import northstar.application.analytics.NewEvent;
import northstar.application.routing.BackendCatalog;
import northstar.bootstrap.config.ServiceConfig;
import northstar.bootstrap.config.TenantConfig;
import northstar.domain.Mode;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.ProjectScope;
import northstar.domain.RequestContext;
import northstar.domain.Telemetry;
import northstar.domain.analytics.AnalyticsQuery;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.analytics.EventBatch;
import northstar.domain.analytics.IngestResult;
import northstar.domain.analytics.Dimensions;
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
 * Ingest into the embedded store runs on its caller's thread (telemetry on, as the service runs), with
 * the ingest deadline carried into the SQLite group commit's wait. Here the database's write lock is held by another connection, as
 * another process would hold it, so the real writer waits in BEGIN IMMEDIATE: every caller is
 * answered pending at its deadline, and once the lock is let go, each held write and the journal's
 * delivery of the same event store it once, charge it once and count it once in the rollups.
 */
class EmbeddedIngestDeadlineTest {
    static final Duration DEADLINE = Duration.ofMillis(300);
    static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    Path dir;
    Northstar northstar;
    UseCases app;
    final AtomicInteger backendCalls = new AtomicInteger();
    final RequestContext acme = new RequestContext("acme", Mode.LAB, "dev", "proj-1", "user-1", "req-1");

    @BeforeEach
    void open() {
        String db = dir.resolve("n.db").toString();
        RoutingTable routes = RoutingTable.of(new Route(ResourceKind.ANALYTICS_STORE, "sqlite", Map.of("path", db)),
                new Route(ResourceKind.TABULAR_STORE, "sqlite", Map.of("path", db)),
                new Route(ResourceKind.OBJECT_STORE, "filesystem", Map.of("root", dir.resolve("objects").toString())));
        ServiceConfig config = new ServiceConfig("127.0.0.1", 0, dir.resolve("data"), "dev",
                URI.create("http://127.0.0.1:1"), 1 << 20, Duration.ofSeconds(5),
                List.of(new TenantConfig("acme", Mode.LAB, "proj-1", List.of())), routes,
                new ServiceConfig.Ingest(ServiceConfig.Ingest.DEFAULT_JOURNAL_MAX_BYTES, DEADLINE));
        SqliteBackends sqlite = new SqliteBackends();
        BackendCatalog catalog = new BackendCatalog().analytics("sqlite", r -> new OnWhichThread(sqlite.analytics(r)))
                .tabular("sqlite", sqlite::tabular)
                .objects("filesystem", r -> BackendTypes.filesystem(r, Clock.systemUTC()));
        // telemetry on, as the service runs: the use cases see the adapters through their metered wrappers
        northstar = Northstar.open(config, catalog, Clock.systemUTC(), new Telemetry() {
            @Override
            public void backendCall(String backendType, String resourceKind, String operation, String outcome,
                                    long nanos) {
                backendCalls.incrementAndGet();
            }
        });
        app = northstar.useCases();
    }

    @AfterEach
    void close() {
        northstar.close();
    }

    static NewEvent event(String id, UsageReport usage) {
        return new NewEvent(id, new Dimensions("agent_builder", null, Platform.WEB, null, null, "run-1", id), Utm.NONE,
                Map.of("n", 1L), usage, null, null, T);
    }

    @Test
    void callersWhoseWritesTheDatabaseHoldsAreAnsweredPendingAtTheDeadlineAndEachEventLandsOnce() throws Exception {
        app.budgets().setLimits(acme, "openai", "tokens", null, 1000.0);
        assertThat(app.analytics().ingest(acme, event("before", new UsageReport("openai", "tokens", 1))).pending())
                .as("a healthy store answers stored").isFalse();
        assertThat(OnWhichThread.lastIngest).as("the caller delivers on its own thread").isSameAs(Thread.currentThread());
        assertThat(backendCalls.get()).as("through the metered adapters").isPositive();

        List<String> held = new ArrayList<>();
        List<Future<IngestReceipt>> receipts = new ArrayList<>();
        long longest;
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("n.db"));
             Statement lock = other.createStatement();
             ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            lock.execute("BEGIN IMMEDIATE"); // the write lock: the writer's next BEGIN waits for it
            long t0 = System.nanoTime();
            for (int i = 0; i < 16; i++) {
                String id = "held-" + i;
                held.add(id);
                receipts.add(callers.submit(() -> app.analytics().ingest(acme, event(id,
                        new UsageReport("openai", "tokens", 2)))));
            }
            for (Future<IngestReceipt> r : receipts) {
                assertThat(r.get().pending()).as("answered at the deadline while its write waits").isTrue();
            }
            longest = System.nanoTime() - t0;
            assertThat(northstar.journal().size()).isEqualTo(16);
            Thread.sleep(200); // the writes stay queued behind the lock meanwhile
            lock.execute("ROLLBACK");
        }
        assertThat(Duration.ofNanos(longest)).as("no caller waited for the lock").isLessThan(DEADLINE.plusSeconds(1));

        JournalScenariosTest.await("the journal drains", () -> northstar.journal().size() == 0);
        List<String> stored = app.analytics().query(acme, new AnalyticsQuery(T.minusSeconds(60), T.plusSeconds(60),
                Optional.empty(), Optional.empty(), PageRequest.first(100))).items().stream()
                .map(AnalyticsRecord::analyticsId).toList();
        assertThat(stored).containsExactlyInAnyOrderElementsOf(concat("before", held));
        assertThat(app.budgets().get(acme, "openai", "tokens").orElseThrow().usage())
                .as("each held event charged once").isEqualTo(1.0 + 16 * 2.0);
        JournalScenariosTest.await("the rollups count every event once", () -> {
            app.insight().rollups().flush();
            return app.insight().report(acme, ProjectScope.of(acme), T.minusSeconds(3600), T.plusSeconds(3600), "hour",
                    List.of()).series().stream().mapToLong(s -> s.events()).sum() == 17;
        });
    }

    /** The embedded store, telling on which thread it was last asked to ingest. */
    static final class OnWhichThread implements AnalyticsStore {
        static volatile Thread lastIngest;
        final AnalyticsStore store;

        OnWhichThread(AnalyticsStore store) {
            this.store = store;
        }

        @Override
        public List<IngestResult> ingest(EventBatch<AnalyticsRecord> batch) {
            lastIngest = Thread.currentThread();
            return store.ingest(batch);
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
        public Page<AnalyticsRecord> queryByRun(String tenantId, ProjectScope projects, String runId, PageRequest page) {
            return store.queryByRun(tenantId, projects, runId, page);
        }

        @Override
        public String backendType() {
            return store.backendType();
        }

        @Override
        public boolean labOnly() {
            return store.labOnly();
        }

        @Override
        public boolean waitsWithinCallerDeadline() {
            return store.waitsWithinCallerDeadline();
        }

        @Override
        public void probe() {
            store.probe();
        }

        @Override
        public void close() {
            store.close();
        }
    }

    static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }
}
