package northstar.bench;

import static northstar.bench.Report.f;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import northstar.adapters.http.ApiKeys;
import northstar.adapters.http.HttpApi;
import northstar.adapters.http.Principal;
import northstar.adapters.persistence.journal.FileRollupLog;
import northstar.application.UseCases;
import northstar.application.analytics.IngestReceipt;
import northstar.application.analytics.NewEvent;
import northstar.bootstrap.Northstar;
import northstar.bootstrap.http.ConfigFiles;
import northstar.domain.Ids;
import northstar.domain.Mode;
import northstar.domain.RequestContext;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.Platform;
import northstar.domain.analytics.Utm;

/**
 * Issue 19, target 4: what the ingest journal costs while every backend is healthy. The same
 * process, the same SQLite store and the same 64 in-process callers ingest through the use cases
 * bootstrap wires (with the journal: each delivery runs under its deadline, ready to be journaled)
 * and through use cases over the same router built without one (the delivery runs on the caller's
 * thread, failures reach the caller). In process, with no HTTP around it, the journal's share of an
 * ingest is as large as it gets; rounds A B B A A B, events/s and CPU per event of each.
 */
final class JournalBench {
    static final int CALLERS = 64;
    static final int ROUNDS = 6;
    static final double SECONDS = Double.parseDouble(System.getProperty("bench.journal.seconds", "3"));

    private JournalBench() {
    }

    record Figure(double perSecond, double cpuMicros) {
    }

    static void run(Path dir, Report report) throws Exception {
        System.out.println("[1b] the ingest journal's cost while the backends are healthy, " + CALLERS
                + " in-process callers");
        Files.createDirectories(dir);
        Path config = ConfigFiles.write(dir, BenchSuite.freePort(), ConfigFiles.tenant(BenchSuite.TENANT, "lab"),
                ConfigFiles.LAB_ROUTES);
        RequestContext ctx = new RequestContext(BenchSuite.TENANT, Mode.LAB, "test", "default", null, "bench");
        try (Northstar northstar = Northstar.open(config)) {
            UseCases journaled = northstar.useCases();
            UseCases direct = UseCases.over(northstar.router(), Clock.systemUTC(), Ids::newId, null,
                    Duration.ofSeconds(10), tenant -> false, tenant -> List.of(),
                    FileRollupLog.open(dir.resolve("direct-rollups.log")), tenant -> ctx);
            try {
                // warm-up: the JIT, SQLite's page cache, the group commit's rhythm
                round(journaled, ctx, 5);
                round(direct, ctx, 5);
                List<Figure> with = new ArrayList<>();
                List<Figure> without = new ArrayList<>();
                for (int r = 0; r < ROUNDS; r++) {
                    boolean journalFirst = r % 4 == 0 || r % 4 == 3; // A B B A A B
                    if (journalFirst) {
                        with.add(round(journaled, ctx, SECONDS));
                        without.add(round(direct, ctx, SECONDS));
                    } else {
                        without.add(round(direct, ctx, SECONDS));
                        with.add(round(journaled, ctx, SECONDS));
                    }
                }
                double a = median(with.stream().map(Figure::perSecond).toList());
                double b = median(without.stream().map(Figure::perSecond).toList());
                double cpuA = median(with.stream().map(Figure::cpuMicros).toList());
                double cpuB = median(without.stream().map(Figure::cpuMicros).toList());
                http(dir, report, northstar, direct);
                report.add("1b. ingest with the journal ready, all backends healthy, " + CALLERS + " in-process callers",
                        f("%s (%.1f us CPU an event)", BenchSuite.perSecond(a), cpuA),
                        f("same store, no journal: %s (%.1f us CPU an event)", BenchSuite.perSecond(b), cpuB), a / b,
                        ">= 0.95x (journal costs <= 5%)", a / b >= 0.95);
            } finally {
                direct.close();
            }
        }
    }

    /**
     * The same comparison where item 4 of issue 19 asks for it, over HTTP at 64 wrk connections: two
     * HTTP APIs in this JVM over the same router and SQLite store, one over the use cases bootstrap wires
     * (journal ready), one over use cases without a journal; runs A B B A A B of BenchSuite.SECONDS after
     * a warm-up of each; events/s, medians. In this JVM, not the service's process, so both sides
     * share it alike.
     */
    static void http(Path dir, Report report, Northstar northstar, UseCases direct) throws Exception {
        Principal principal = new Principal(BenchSuite.TENANT, Mode.LAB, "test", "default", false);
        ApiKeys keys = new ApiKeys() {
            @Override
            public Optional<Principal> authenticate(String presentedKey) {
                return BenchSuite.KEY.equals(presentedKey) ? Optional.of(principal) : Optional.empty();
            }

            @Override
            public Optional<Principal> tenant(String tenantId) {
                return BenchSuite.TENANT.equals(tenantId) ? Optional.of(principal) : Optional.empty();
            }
        };
        HttpApi journaled = HttpApi.create(northstar.useCases(), northstar.router(), keys, settings()).start();
        HttpApi plain = HttpApi.create(direct, northstar.router(), keys, settings()).start();
        try {
            Path ingest = Wrk.script(dir, "ingest", "POST", BenchSuite.EVENT, BenchSuite.KEY);
            String a = "http://127.0.0.1:" + journaled.port() + "/v1/analytics/events";
            String b = "http://127.0.0.1:" + plain.port() + "/v1/analytics/events";
            Wrk.run(a, ingest, 64, IngestBench.WARMUP_SECONDS);
            Wrk.run(b, ingest, 64, IngestBench.WARMUP_SECONDS);
            List<Double> with = new ArrayList<>();
            List<Double> without = new ArrayList<>();
            for (int r = 0; r < ROUNDS; r++) {
                boolean journalFirst = r % 4 == 0 || r % 4 == 3; // A B B A A B
                for (int side = 0; side < 2; side++) {
                    boolean journal = (side == 0) == journalFirst;
                    Wrk.Result result = Wrk.run(journal ? a : b, ingest, 64, BenchSuite.SECONDS);
                    if (result.non2xx() > 0) {
                        throw new IllegalStateException(result.non2xx() + " requests failed");
                    }
                    (journal ? with : without).add(result.requestsPerSecond());
                }
            }
            double ra = median(with);
            double rb = median(without);
            report.add("1b. HTTP ingest at 64 clients with the journal ready, all backends healthy",
                    f("%s (median of %d; min %s)", BenchSuite.perSecond(ra), ROUNDS,
                            BenchSuite.perSecond(with.stream().mapToDouble(Double::doubleValue).min().orElseThrow())),
                    f("same store and HTTP API, no journal: %s (min %s)", BenchSuite.perSecond(rb),
                            BenchSuite.perSecond(without.stream().mapToDouble(Double::doubleValue).min().orElseThrow())),
                    ra / rb, ">= 0.95x (journal costs <= 5%)", ra / rb >= 0.95);
        } finally {
            journaled.close();
            plain.close();
        }
    }

    private static HttpApi.Settings settings() {
        return new HttpApi.Settings("127.0.0.1", BenchSuite.freePort(), 1 << 20, Duration.ofSeconds(5),
                Duration.ofSeconds(10), null, null);
    }

    /** CALLERS virtual threads ingesting single events for the given seconds: events/s and CPU per event. */
    static Figure round(UseCases useCases, RequestContext ctx, double seconds) throws Exception {
        System.gc();
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long jit0 = AdapterBench.compilerNanos();
        long cpu0 = AdapterBench.cpuNanos();
        long t0 = System.nanoTime();
        List<Thread> callers = new ArrayList<>();
        for (int c = 0; c < CALLERS; c++) {
            callers.add(Thread.ofVirtual().start(() -> {
                int i = 0;
                while (System.nanoTime() < end) {
                    IngestReceipt receipt = useCases.analytics().ingest(ctx, event(i++));
                    if (receipt.pending() || receipt.replayed()) {
                        throw new IllegalStateException("a healthy ingest was answered " + receipt);
                    }
                    done.incrementAndGet();
                }
            }));
        }
        for (Thread t : callers) {
            t.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long cpu = AdapterBench.cpuNanos() - cpu0 - (AdapterBench.compilerNanos() - jit0);
        return new Figure(done.get() / elapsed, cpu / 1e3 / done.get());
    }

    static NewEvent event(int i) {
        return new NewEvent(null, new Dimensions("agent_builder", "canvas", Platform.WEB, "s_1", null, "run-1",
                "step_" + (i % 20)), new Utm("google", "cpc", "spring", null, null), Map.of("action", "click", "n", 3L),
                null, null, null, Instant.parse("2026-03-01T10:00:00Z").plusMillis(i));
    }

    static double median(List<Double> xs) {
        return AdapterBench.median(xs);
    }
}
