package northstar.bench;

import static northstar.bench.Report.f;

import java.nio.file.Files;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import northstar.adapters.persistence.sqlite.SqliteAnalyticsStore;
import northstar.adapters.persistence.sqlite.SqliteBackends;
import java.time.Clock;
import northstar.application.insight.Rollups;
import northstar.application.routing.BackendCatalog;
import northstar.application.routing.StoreRouter;
import northstar.bootstrap.http.ServiceProcess;
import northstar.domain.RequestContext;
import northstar.domain.analytics.RollupLog;
import northstar.domain.routing.RoutingTable;
import northstar.domain.Mode;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.EventStatus;
import northstar.domain.analytics.Platform;
import northstar.domain.analytics.Utm;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;

/**
 * 3. range query and query-by-run latency over HTTP with 10^4, 10^5 and 10^6 stored events. Events
 * are 86 ms apart (constant density), so a 10 s window holds about 116 of them at every size; runs
 * are 20 steps. Served by indexes, latency must not grow with the table. The report of the first day
 * reads the rollup counters (recounted here from the events, which are stored past the service): its
 * day holds 10^4 events at the first size and about 10^6 at the last; its cost must not follow them.
 */
final class QueryBench {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final long SPACING_MILLIS = 86;
    static final String[] APPS = {"agent_builder", "canvas", "inspector", "timeline"};
    static final Platform[] PLATFORMS = Platform.values();

    private QueryBench() {
    }

    static void run(Path dir, Report report) throws Exception {
        System.out.println("[3] queries at 10^4, 10^5, 10^6 events");
        Files.createDirectories(dir.resolve("data"));
        Route route = new Route(ResourceKind.ANALYTICS_STORE, "sqlite",
                Map.of("path", dir.resolve("data/northstar.db").toString()));
        double[] rangeP99 = new double[3];
        double[] runP99 = new double[3];
        double[] reportP99 = new double[3];
        double[] deepP99 = new double[3];
        int stored = 0;
        int[] sizes = {10_000, 100_000, 1_000_000};
        for (int s = 0; s < sizes.length; s++) {
            long t0 = System.nanoTime();
            try (SqliteAnalyticsStore store = new SqliteBackends().analytics(route)) {
                populate(store, stored, sizes[s]);
            }
            System.out.printf("  stored %,d events (%.1f s)%n", sizes[s], (System.nanoTime() - t0) / 1e9);
            // stored past the service, so counted here as the service counts at ingest: whole buckets
            countRollups(route, stored, sizes[s]);
            stored = sizes[s];
            int port = BenchSuite.freePort();
            try (ServiceProcess service = BenchSuite.startService(dir, port, "-Xmx512m")) {
                String base = "http://127.0.0.1:" + port;
                Instant middle = START.plusMillis(SPACING_MILLIS * (stored / 2));
                String range = base + "/v1/analytics/events?start=" + middle + "&end=" + middle.plusSeconds(10) + "&limit=100";
                String runUrl = base + "/v1/analytics/runs/run-" + (stored / 2 / 20) + "/events";
                Path get = Wrk.script(dir, "get", "GET", null, BenchSuite.KEY);
                Wrk.run(range, get, 1, 2);
                Wrk.Result r = Wrk.run(range, get, 1, Math.max(4, BenchSuite.SECONDS / 2));
                Wrk.Result u = Wrk.run(runUrl, get, 1, Math.max(4, BenchSuite.SECONDS / 2));
                // a page 90% into a range of every event: its cursor is where a client paging from the
                // start arrives (the last event before that point), taken from the page that begins there
                String all = "start=" + START + "&end=" + START.plusMillis(SPACING_MILLIS * stored);
                String there = "start=" + START.plusMillis(SPACING_MILLIS * (stored / 10 * 9)) + "&end="
                        + START.plusMillis(SPACING_MILLIS * stored);
                String cursor;
                try (HttpClient client = HttpClient.newHttpClient()) {
                    cursor = ReservationBench.get(client, base + "/v1/analytics/events?" + there + "&limit=1")
                            .get("next_cursor").asText();
                }
                String deepUrl = base + "/v1/analytics/events?" + all + "&limit=100&cursor=" + cursor;
                Wrk.run(deepUrl, get, 1, 2);
                Wrk.Result d = Wrk.run(deepUrl, get, 1, Math.max(4, BenchSuite.SECONDS / 2));
                // the report of the first day: 10^4 events in it at the first size, ~10^6 at the last
                String reportUrl = base + "/v1/analytics/report?from=" + START + "&to=" + START.plusSeconds(86_400)
                        + "&granularity=hour&group_by=app,platform,status";
                Wrk.run(reportUrl, get, 1, 2);
                Wrk.Result rep = Wrk.run(reportUrl, get, 1, Math.max(4, BenchSuite.SECONDS / 2));
                reportP99[s] = rep.p99Millis();
                rangeP99[s] = r.p99Millis();
                runP99[s] = u.p99Millis();
                deepP99[s] = d.p99Millis();
                String n = f("10^%d", (int) Math.log10(stored));
                report.add("3. range query (100 of ~116 in 10 s), " + n + " events",
                        f("p50 %.2f ms, p99 %.2f ms", r.p50Millis(), r.p99Millis()),
                        s == 0 ? "-" : f("p99 at 10^4: %.2f ms", rangeP99[0]), s == 0 ? Double.NaN : rangeP99[s] / rangeP99[0],
                        s == 2 ? "p99 <= 3x p99 at 10^4" : "-", s == 2 ? rangeP99[2] <= 3 * rangeP99[0] : null);
                report.add("3. query by run (20 steps), " + n + " events",
                        f("p50 %.2f ms, p99 %.2f ms", u.p50Millis(), u.p99Millis()),
                        s == 0 ? "-" : f("p99 at 10^4: %.2f ms", runP99[0]), s == 0 ? Double.NaN : runP99[s] / runP99[0],
                        s == 2 ? "p99 <= 3x p99 at 10^4" : "-", s == 2 ? runP99[2] <= 3 * runP99[0] : null);
                report.add("3. a page (100) 90% into a range of every event, by its cursor, " + n + " events",
                        f("p50 %.2f ms, p99 %.2f ms", d.p50Millis(), d.p99Millis()),
                        s == 0 ? "-" : f("p99 at 10^4: %.2f ms", deepP99[0]), s == 0 ? Double.NaN : deepP99[s] / deepP99[0],
                        s == 2 ? "p99 <= 3x p99 at 10^4" : "-", s == 2 ? deepP99[2] <= 3 * deepP99[0] : null);
                long inDay = Math.min(stored, 86_400_000L / SPACING_MILLIS + 1);
                report.add(f("3. report of a day (%,d events in it), ", inDay) + n + " events",
                        f("p50 %.2f ms, p99 %.2f ms", rep.p50Millis(), rep.p99Millis()),
                        s == 0 ? "-" : f("p99 at 10^4: %.2f ms", reportP99[0]),
                        s == 0 ? Double.NaN : reportP99[s] / reportP99[0],
                        s == 2 ? "p99 <= 1.5x p99 at 10^4" : "-", s == 2 ? reportP99[2] <= 1.5 * reportP99[0] : null);
            }
        }
    }

    /** The rollup counters of the hours and days events [from, to) fall in, recounted whole from the store. */
    static void countRollups(Route analytics, int from, int to) {
        SqliteBackends sqlite = new SqliteBackends();
        Route tabular = new Route(ResourceKind.TABULAR_STORE, "sqlite", analytics.config());
        StoreRouter router = new StoreRouter(RoutingTable.of(analytics, tabular), new BackendCatalog()
                .analytics("sqlite", sqlite::analytics).tabular("sqlite", sqlite::tabular));
        try (Rollups rollups = new Rollups(router, RollupLog.NONE, Clock.systemUTC(), t -> null)) {
            long t0 = System.nanoTime();
            long counted = rollups.rebuild(new RequestContext(BenchSuite.TENANT, Mode.LAB, "dev", "default", null, null),
                    START.plusMillis(SPACING_MILLIS * from), START.plusMillis(SPACING_MILLIS * (to - 1) + 1));
            System.out.printf("  counted %,d events into the rollups (%.1f s)%n", counted, (System.nanoTime() - t0) / 1e9);
        } finally {
            router.close();
        }
    }

    /** Adds events [from, to) in batches of 500, each the same shape as the ingest benchmark's. */
    static void populate(SqliteAnalyticsStore store, int from, int to) {
        List<AnalyticsRecord> batch = new ArrayList<>(500);
        for (int i = from; i < to; i++) {
            Instant at = START.plusMillis(SPACING_MILLIS * i);
            batch.add(new AnalyticsRecord(f("evt-%08d", i), BenchSuite.TENANT, Mode.LAB, "default",
                    new Dimensions(APPS[i % APPS.length], "canvas", PLATFORMS[i % PLATFORMS.length], "s_" + (i / 100), null,
                            "run-" + (i / 20), "step_" + (i % 20)), new Utm("google", "cpc", "spring", null, null),
                    Map.of("action", "click", "n", (long) i), null, EventStatus.SUCCESS, null, at, at));
            if (batch.size() == 500) {
                store.ingest(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            store.ingest(batch);
        }
    }
}
