package northstar.bench;

import static northstar.bench.Report.f;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import northstar.domain.Mode;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.EventBatch;
import northstar.domain.analytics.IngestResult;
import northstar.domain.analytics.Platform;
import northstar.domain.analytics.Utm;
import northstar.domain.analytics.EventStatus;
import northstar.domain.objects.ObjectContent;
import northstar.domain.objects.ObjectKey;
import northstar.domain.objects.ObjectNamespace;
import northstar.domain.objects.ObjectStore;
import northstar.domain.objects.PutOptions;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TabularStore;
import northstar.domain.tabular.WriteCondition;

/**
 * Issue 19, target 5: the CPU time one operation of a cloud adapter costs this process, beside the
 * raw SDK sending the same requests to the same local server from the same JVM ({@link RawSdks}).
 * The servers run in processes of their own, so the process's CPU time (user + system, every
 * thread: the SDKs' event loops and I/O threads included, the JIT's compiler threads left out) is this
 * JVM's work alone. Each round runs on a virtual thread, as the service's requests do. Each case runs two warm-up rounds of each side, then rounds A B, B A, ... (the order alternating), and judges the
 * medians of the rounds' CPU per operation.
 */
final class AdapterBench {
    static final int ROUNDS = Integer.getInteger("bench.adapter.rounds", 7);
    static final String TENANT = "bench";
    static final int MIB = 1024 * 1024;

    private AdapterBench() {
    }

    /** One side of a case: {@link #prepare} runs before each round, untimed; {@link #run} is timed. */
    interface Side {
        default void prepare(int round, int n) throws Exception {
        }

        void run(int i) throws Exception;
    }

    record Case(String backend, String op, int perRound, Side adapter, Side raw) {
    }

    record Result(Case c, List<Double> adapterMicros, List<Double> rawMicros) {
        double adapter() {
            return median(adapterMicros);
        }

        double raw() {
            return median(rawMicros);
        }
    }

    static void run(Path work, Report report) throws Exception {
        System.out.println("adapter overhead: CPU of this JVM per operation, adapter beside the raw SDK, " + ROUNDS
                + " rounds each");
        Files.createDirectories(work);
        for (String backend : System.getProperty("bench.adapter.backends", "dynamodb,cosmos,firestore,s3,azure_blob,gcs")
                .split(",")) {
            try (RawSdks.Backend b = RawSdks.open(backend, work.resolve(backend))) {
                for (Case c : cases(b)) {
                    Result r = measure(c);
                    double ratio = r.adapter() / r.raw();
                    report.add("8. adapter CPU per op: " + backend + ", " + c.op(),
                            f("median %,.0f us (min %,.0f)", r.adapter(), min(r.adapterMicros())),
                            f("raw SDK, same requests: median %,.0f us (min %,.0f)", r.raw(), min(r.rawMicros())),
                            ratio, "<= 1.2x", ratio <= 1.2);
                }
            }
        }
    }

    static List<Case> cases(RawSdks.Backend b) {
        List<Case> cases = new ArrayList<>();
        if (b.analytics() != null) {
            cases.add(ingest(b));
        }
        if (b.tabular() != null) {
            cases.add(get(b));
            cases.add(increment(b));
        }
        if (b.objects() != null) {
            cases.addAll(objects(b));
        }
        return cases;
    }

    static final int BATCH = 500;

    /** A fresh batch of events (new ids) for each call, made before the round. */
    static Case ingest(RawSdks.Backend b) {
        AnalyticsStore store = b.analytics();
        class Batches {
            List<List<AnalyticsRecord>> batches = List.of();

            void make(int n) {
                List<List<AnalyticsRecord>> all = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    all.add(events(BATCH));
                }
                batches = all;
            }
        }
        Batches ours = new Batches();
        Batches theirs = new Batches();
        return new Case(b.name(), "ingest of a " + BATCH + "-event batch", 3, new Side() {
            @Override
            public void prepare(int round, int n) {
                ours.make(n);
            }

            @Override
            public void run(int i) {
                List<IngestResult> results = store.ingest(EventBatch.of(ours.batches.get(i)));
                if (results.size() != BATCH || !results.stream().allMatch(IngestResult.Stored.class::isInstance)) {
                    throw new IllegalStateException(b.name() + " did not store the whole batch");
                }
            }
        }, new Side() {
            @Override
            public void prepare(int round, int n) {
                theirs.make(n);
            }

            @Override
            public void run(int i) throws Exception {
                b.raw().ingest(theirs.batches.get(i));
            }
        });
    }

    static Case get(RawSdks.Backend b) {
        TabularStore store = b.tabular();
        TabularKey key = new TabularKey(TENANT, "items", "item-get");
        store.put(key, Map.of("name", "an item", "count", 3L, "limit", 1000L, "tags", List.of("a", "b")),
                WriteCondition.NONE);
        return new Case(b.name(), "get of an item", 300, i -> {
            if (store.get(key).isEmpty()) {
                throw new IllegalStateException("no item");
            }
        }, i -> {
            if (b.raw().item(key).isEmpty()) {
                throw new IllegalStateException("no item (raw)");
            }
        });
    }

    static Case increment(RawSdks.Backend b) {
        TabularStore store = b.tabular();
        TabularKey ours = new TabularKey(TENANT, "budgets", "ours");
        TabularKey theirs = new TabularKey(TENANT, "budgets", "theirs");
        for (TabularKey k : List.of(ours, theirs)) {
            store.put(k, Map.of("used", 0L, "hard_limit", 1_000_000_000L), WriteCondition.NONE);
        }
        return new Case(b.name(), "increment under a ceiling", 200,
                i -> store.increment(ours, "used", 1, "hard_limit", Map.of()),
                i -> b.raw().increment(theirs, "used", 1, "hard_limit"));
    }

    static List<Case> objects(RawSdks.Backend b) {
        ObjectStore store = b.objects();
        ObjectNamespace ns = new ObjectNamespace(TENANT, "test");
        byte[] body = new byte[MIB];
        new java.util.Random(19).nextBytes(body);
        ObjectKey stored = ObjectKey.of("bench/get.bin");
        store.put(ns, stored, new ByteArrayInputStream(body), new PutOptions("application/octet-stream", MIB, null));
        Case put = new Case(b.name(), "put of 1 MiB", 40, i -> store.put(ns, ObjectKey.of("bench/put-" + i + ".bin"),
                new ByteArrayInputStream(body), new PutOptions("application/octet-stream", MIB, null)),
                i -> b.raw().put(ns.path(ObjectKey.of("bench/raw-" + i + ".bin")), body));
        Case get = new Case(b.name(), "get of 1 MiB", 150, i -> {
            try (ObjectContent c = store.get(ns, stored)) {
                drain(c.body(), MIB);
            }
        }, i -> {
            try (InputStream in = b.raw().read(ns.path(stored))) {
                drain(in, MIB);
            }
        });
        return List.of(put, get);
    }

    static void drain(InputStream in, long expected) throws java.io.IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
        }
        if (total != expected) {
            throw new IllegalStateException("read " + total + " bytes, not " + expected);
        }
    }

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** Events as the ingest path makes them: a run's steps with UTM fields and a small payload. */
    static List<AnalyticsRecord> events(int n) {
        List<AnalyticsRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Instant at = T0.plusMillis(i * 7L);
            out.add(new AnalyticsRecord(UUID.randomUUID().toString(), TENANT, Mode.LAB, "project-1",
                    new Dimensions("agent_builder", "canvas", Platform.WEB, "s_1", "req-" + i, "run-" + (i / 20),
                            "step_" + (i % 20)),
                    new Utm("google", "cpc", "spring", null, null), Map.of("action", "click", "n", (long) i), null,
                    EventStatus.SUCCESS, null, at, at.plusMillis(3)));
        }
        return out;
    }

    static Result measure(Case c) throws Exception {
        // warm-up rounds of each side: the JIT, the connection pools, the servers' own caches
        for (int w = 0; w < 2; w++) {
            round(c.adapter(), -1, c.perRound());
            round(c.raw(), -1, c.perRound());
        }
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            if (r % 2 == 0) {
                ours.add(round(c.adapter(), r, c.perRound()));
                theirs.add(round(c.raw(), r, c.perRound()));
            } else {
                theirs.add(round(c.raw(), r, c.perRound()));
                ours.add(round(c.adapter(), r, c.perRound()));
            }
        }
        return new Result(c, ours, theirs);
    }

    /**
     * CPU microseconds of this process per operation over one round of n operations, less what the
     * JIT's compiler threads spent meanwhile (compiling is the JVM warming up, not either side's work;
     * the garbage collector's time stays in: allocation is part of an operation's cost).
     */
    static double round(Side side, int round, int n) throws Exception {
        side.prepare(round, n);
        System.gc();
        long jit0 = compilerNanos();
        long cpu0 = cpuNanos();
        // on a virtual thread, as the service calls its adapters (every request runs on one)
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    side.run(i);
                }
            } catch (Exception e) {
                failed.set(e);
            }
        }).join();
        if (failed.get() != null) {
            throw failed.get();
        }
        long cpu = cpuNanos() - cpu0;
        long jit = compilerNanos() - jit0;
        return (cpu - jit) / 1e3 / n;
    }

    /**
     * The CPU time of the JIT's compiler threads ("C1 CompilerThre", "C2 CompilerThre"), in
     * nanoseconds, from /proc/self/task/{tid}/schedstat; the bench JVM keeps them alive
     * (-XX:-UseDynamicNumberOfCompilerThreads), so none leaves with its time.
     */
    static long compilerNanos() throws java.io.IOException {
        return Profiles.schedstat("self", "CompilerThre").runNanos();
    }

    /**
     * This process's CPU time in nanoseconds: clock_gettime(CLOCK_PROCESS_CPUTIME_ID), called through
     * the FFM API (the JDK's getProcessCpuTime counts in 10 ms ticks here, too coarse for a round).
     */
    static long cpuNanos() {
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment ts = arena.allocate(16, 8);
            int rc = (int) CLOCK_GETTIME.invokeExact(CLOCK_PROCESS_CPUTIME_ID, ts);
            if (rc != 0) {
                throw new IllegalStateException("clock_gettime answered " + rc);
            }
            return ts.get(java.lang.foreign.ValueLayout.JAVA_LONG, 0) * 1_000_000_000L
                    + ts.get(java.lang.foreign.ValueLayout.JAVA_LONG, 8);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static final int CLOCK_PROCESS_CPUTIME_ID = 2; // Linux
    private static final java.lang.invoke.MethodHandle CLOCK_GETTIME = java.lang.foreign.Linker.nativeLinker()
            .downcallHandle(java.lang.foreign.Linker.nativeLinker().defaultLookup().find("clock_gettime").orElseThrow(),
                    java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_INT,
                            java.lang.foreign.ValueLayout.JAVA_INT, java.lang.foreign.ValueLayout.ADDRESS));

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(Comparator.naturalOrder());
        return s.get(s.size() / 2);
    }

    static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }
}
