package northstar.bench;

import static northstar.bench.Report.f;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import northstar.adapters.persistence.document.AnalyticsDocuments;
import northstar.adapters.persistence.document.JsonDocuments;
import northstar.bootstrap.http.Http;
import northstar.bootstrap.http.ServiceProcess;
import northstar.domain.Ids;
import northstar.domain.Mode;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.EventStatus;
import northstar.domain.analytics.Platform;
import northstar.domain.analytics.Utm;

/**
 * 1. ingest over HTTP at 1, 16, 64 connections beside the HTTP ceiling (GET /v1/whoami, the cheapest
 * authenticated call) and the storage ceiling (raw batched SQLite inserts of the same rows);
 * 2. batch ingest (500 per call); 6. budget increments at 16 connections, checked for lost updates.
 */
final class IngestBench {
    static final int BATCH = 500;
    static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup", 10);

    private IngestBench() {
    }

    static void run(Path dir, Report report) throws Exception {
        System.out.println("[1,2,6] ingest, batch ingest, budgets");
        int port = BenchSuite.freePort();
        String base = "http://127.0.0.1:" + port;
        try (ServiceProcess service = BenchSuite.startService(dir, port, "-Xmx1g")) {
            Path whoami = Wrk.script(dir, "whoami", "GET", null, BenchSuite.KEY);
            Path ingest = Wrk.script(dir, "ingest", "POST", BenchSuite.EVENT, BenchSuite.KEY);
            // warm up: the JIT compiles Jetty, Javalin, Jackson and SQLite paths for ~10 s on this machine
            Wrk.run(base + "/v1/whoami", whoami, 64, WARMUP_SECONDS);
            Wrk.run(base + "/v1/analytics/events", ingest, 64, WARMUP_SECONDS);
            double storage = rawSqliteRate(dir);
            double idleHeap = Memory.heapAfterGcMib(service.pid());
            Memory.resetPeak(service.pid());
            for (int c : new int[] {1, 16, 64}) {
                Wrk.Result ceiling = Profiles.recorded(service.pid(), "whoami-" + c,
                        () -> Wrk.run(base + "/v1/whoami", whoami, c, BenchSuite.SECONDS));
                double[] commits0 = commits(port);
                Profiles.Schedstat writer0 = Profiles.threadSchedstat(service.pid(), "sqlite-writer");
                long wall0 = System.nanoTime();
                Wrk.Result events = Profiles.recorded(service.pid(), "ingest-" + c,
                        () -> Wrk.run(base + "/v1/analytics/events", ingest, c, BenchSuite.SECONDS));
                long wall = System.nanoTime() - wall0;
                Profiles.Schedstat writer1 = Profiles.threadSchedstat(service.pid(), "sqlite-writer");
                double[] commits1 = commits(port);
                System.out.printf("  ingest-%d: the SQLite writer thread on a CPU %.0f%% of the run, runnable and waiting"
                        + " for one %.0f%%, blocked (its fsync, an empty queue) the rest%n", c,
                        100.0 * (writer1.runNanos() - writer0.runNanos()) / wall,
                        100.0 * (writer1.waitNanos() - writer0.waitNanos()) / wall);
                double groups = commits1[0] - commits0[0];
                System.out.printf("  ingest-%d: %,.0f group commits, %.1f writes a group, fsync %.2f ms on average%n", c,
                        groups, (commits1[1] - commits0[1]) / groups, 1e3 * (commits1[2] - commits0[2]) / groups);
                requireOk(events);
                double ratio = events.requestsPerSecond() / ceiling.requestsPerSecond();
                report.add(f("1. ingest, %d client%s", c, c == 1 ? "" : "s"),
                        f("%s (p50 %.1f ms, p99 %.1f ms)", BenchSuite.perSecond(events.requestsPerSecond()),
                                events.p50Millis(), events.p99Millis()),
                        f("HTTP ceiling %s (p50 %.1f ms, p99 %.1f ms); storage ceiling %s",
                                BenchSuite.perSecond(ceiling.requestsPerSecond()), ceiling.p50Millis(), ceiling.p99Millis(),
                                BenchSuite.perSecond(storage)),
                        ratio, c == 64 ? ">= 0.50x of HTTP ceiling" : "-", c == 64 ? ratio >= 0.5 : null,
                        Memory.after(service.pid()));
            }
            report.add("1. heap after GC after 64-client ingest, beside idle", "see the row above",
                    f("idle %.1f MiB", idleHeap), Double.NaN, "within 16 MiB of idle",
                    Memory.heapAfterGcMib(service.pid()) - idleHeap <= 16);
            Path batch = Wrk.script(dir, "batch", "POST", batchBody(), BenchSuite.KEY);
            Wrk.Result batches = Wrk.run(base + "/v1/analytics/events:batch", batch, 4, BenchSuite.SECONDS);
            requireOk(batches);
            double batchRate = batches.requestsPerSecond() * BATCH;
            report.add("2. batch ingest, 500 per call, 4 clients", f("%s events (p99 %.0f ms a call)",
                    BenchSuite.perSecond(batchRate), batches.p99Millis()), "raw batched SQLite " + BenchSuite.perSecond(storage),
                    batchRate / storage, ">= 0.30x", batchRate / storage >= 0.3);
            budgets(base, dir, service, report);
            ReservationBench.run(base, report);
        }
    }

    /** The SQLite group commits so far, from /metrics: commits, writes in them, seconds of fsync. */
    static double[] commits(int port) {
        String text = BenchSuite.http(port).get("/metrics").key(BenchSuite.KEY).send().text();
        double[] out = new double[3];
        for (String line : text.split("\n")) {
            String[] kv = line.split(" ");
            if (kv.length != 2) {
                continue;
            }
            switch (kv[0]) {
                case "northstar_sqlite_commit_group_size_count" -> out[0] = Double.parseDouble(kv[1]);
                case "northstar_sqlite_commit_group_size_sum" -> out[1] = Double.parseDouble(kv[1]);
                case "northstar_sqlite_fsync_seconds_sum" -> out[2] = Double.parseDouble(kv[1]);
                default -> {
                }
            }
        }
        if (out[0] == 0) {
            throw new IllegalStateException("no SQLite commit metrics in /metrics");
        }
        return out;
    }

    private static void requireOk(Wrk.Result r) {
        if (r.non2xx() > 0) {
            throw new IllegalStateException(r.non2xx() + " requests failed");
        }
    }

    private static String batchBody() {
        StringBuilder s = new StringBuilder("{\"events\":[");
        for (int i = 0; i < BATCH; i++) {
            s.append(i == 0 ? "" : ",").append(BenchSuite.EVENT);
        }
        return s.append("]}").toString();
    }

    /** Rows/s of the same rows inserted straight into SQLite (same table, indexes, WAL, FULL), 500 a transaction. */
    static double rawSqliteRate(Path dir) throws Exception {
        Path file = dir.resolve("raw.db");
        int rows = 200_000;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = FULL");
                s.execute("CREATE TABLE analytics_events (tenant_id TEXT NOT NULL, analytics_id TEXT NOT NULL, ts INTEGER"
                        + " NOT NULL, app TEXT NOT NULL, platform TEXT NOT NULL, run_id TEXT, step_key TEXT, record TEXT NOT"
                        + " NULL, PRIMARY KEY (tenant_id, analytics_id)) WITHOUT ROWID");
                s.execute("CREATE INDEX a1 ON analytics_events (tenant_id, ts, analytics_id)");
                s.execute("CREATE INDEX a2 ON analytics_events (tenant_id, app, ts, analytics_id)");
                s.execute("CREATE INDEX a3 ON analytics_events (tenant_id, platform, ts, analytics_id)");
                s.execute("CREATE INDEX a4 ON analytics_events (tenant_id, run_id, step_key, ts, analytics_id)"
                        + " WHERE run_id IS NOT NULL");
            }
            Instant at = Instant.parse("2026-03-01T10:00:00Z");
            String[] ids = new String[rows];
            String[] docs = new String[rows];
            for (int i = 0; i < rows; i++) {
                ids[i] = Ids.newId();
                docs[i] = JsonDocuments.write(AnalyticsDocuments.toDocument(new AnalyticsRecord(ids[i], BenchSuite.TENANT,
                        Mode.LAB, "default", new Dimensions("agent_builder", "canvas", Platform.WEB, "s_1", null, "run-1",
                        "step_3"), new Utm("google", "cpc", "spring", null, null), Map.of("action", "click", "n", 3L), null,
                        EventStatus.SUCCESS, null, at, at)));
            }
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            try (PreparedStatement p = c.prepareStatement("INSERT INTO analytics_events VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    p.setString(1, BenchSuite.TENANT);
                    p.setString(2, ids[i]);
                    p.setLong(3, AnalyticsRecord.epochMicros(at) + i);
                    p.setString(4, "agent_builder");
                    p.setString(5, "web");
                    p.setString(6, "run-1");
                    p.setString(7, "step_013");
                    p.setString(8, docs[i]);
                    p.executeUpdate();
                    if ((i + 1) % BATCH == 0) {
                        c.commit();
                    }
                }
                c.commit();
            }
            return rows / ((System.nanoTime() - t0) / 1e9);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** 16 clients add 1 each to a budget whose hard limit they reach; none may be lost or overshoot it. */
    private static void budgets(String base, Path dir, ServiceProcess service, Report report) throws Exception {
        Http http = new Http(base);
        int hard = 10_000; // reached early in the run, so no accepted increment can escape wrk's count
        http.put("/v1/budgets/openai/tokens").key(BenchSuite.KEY).json(Map.of("soft_limit", hard / 2, "hard_limit", hard))
                .send();
        Path usage = Wrk.script(dir, "usage", "POST", "{\"amount\":1}", BenchSuite.KEY);
        Path whoami = Wrk.script(dir, "whoami", "GET", null, BenchSuite.KEY);
        Wrk.Result ceiling = Wrk.run(base + "/v1/whoami", whoami, 16, BenchSuite.SECONDS);
        Wrk.Result r = Wrk.run(base + "/v1/budgets/openai/tokens/usage", usage, 16, BenchSuite.SECONDS);
        JsonNode b = http.get("/v1/budgets/openai/tokens").key(BenchSuite.KEY).send().json();
        long accepted = r.requests() - r.non2xx();
        double final_ = b.get("usage").asDouble();
        boolean exact = final_ == accepted && final_ <= hard;
        report.add("6. budget increments, 16 clients", f("%s (p99 %.1f ms); %,d accepted, %,d refused at the limit",
                BenchSuite.perSecond(r.requestsPerSecond()), r.p99Millis(), accepted, r.non2xx()),
                "HTTP ceiling " + BenchSuite.perSecond(ceiling.requestsPerSecond()), r.requestsPerSecond()
                        / ceiling.requestsPerSecond(), f("usage == accepted (%,.0f) <= hard limit %,d", final_, hard), exact);
        if (!exact) {
            System.out.println("  budget check FAILED: usage " + final_ + ", accepted " + accepted + ", stderr tail: "
                    + service.stderr().lines().reduce((a, x) -> x).orElse(""));
        }
    }
}
