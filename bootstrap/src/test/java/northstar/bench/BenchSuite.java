package northstar.bench;

import static northstar.bench.Report.f;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import northstar.bootstrap.http.ConfigFiles;
import northstar.bootstrap.http.Http;
import northstar.bootstrap.http.ServiceProcess;

/**
 * Every benchmark of docs/BENCHMARKS.md in one run, each figure beside a baseline measured in the
 * same run on the same machine. Prints a table of figures and ratios; exits non-zero only when a
 * benchmark could not run (a missed target is reported, not an error).
 */
public final class BenchSuite {
    static final String TENANT = "bench";
    static final String KEY = ConfigFiles.KEY + TENANT;
    static final String EVENT = "{\"app\":\"agent_builder\",\"surface\":\"canvas\",\"platform\":\"web\",\"session_id\":\"s_1\","
            + "\"run_id\":\"run-1\",\"step_id\":\"step_3\",\"utm_source\":\"google\",\"utm_medium\":\"cpc\","
            + "\"utm_campaign\":\"spring\",\"payload\":{\"action\":\"click\",\"n\":3},\"timestamp\":\"2026-03-01T10:00:00Z\"}";
    static final int SECONDS = Integer.getInteger("bench.seconds", 8);

    private BenchSuite() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("northstar-bench");
        Report report = new Report();
        try {
            System.out.println("Northstar Stores benchmarks (" + Runtime.getRuntime().availableProcessors() + " cores, "
                    + SECONDS + " s per load run)");
            String only = System.getProperty("bench.only", "ingest,journal,queries,objects,cold,adapters");
            if (only.contains("ingest")) {
                IngestBench.run(work.resolve("ingest"), report);
            }
            if (only.contains("journal")) {
                JournalBench.run(work.resolve("journal"), report);
            }
            if (only.contains("queries")) {
                QueryBench.run(work.resolve("queries"), report);
            }
            if (only.contains("objects")) {
                ObjectBench.run(work.resolve("objects"), report);
            }
            if (only.contains("cold")) {
                ColdStartBench.run(work.resolve("cold"), report);
            }
            if (only.contains("adapters")) {
                AdapterBench.run(work.resolve("adapters"), report);
            }
        } finally {
            deleteTree(work);
        }
        String table = report.markdown();
        System.out.println();
        System.out.println(table);
        Path out = Path.of(Files.isDirectory(Path.of("bootstrap/target")) ? "bootstrap/target" : "target", "bench-results.md");
        Files.writeString(out, table);
        System.out.println("table written to " + out);
    }

    /** A service on a free port with one lab tenant, data under dir. */
    static ServiceProcess startService(Path dir, int port, String... jvmOptions) throws IOException {
        Files.createDirectories(dir);
        Path config = ConfigFiles.write(dir, port, ConfigFiles.tenant(TENANT, "lab"), ConfigFiles.LAB_ROUTES);
        return ServiceProcess.start(dir, List.of(jvmOptions), config.toString())
                .awaitStdout("listening", Duration.ofSeconds(60));
    }

    static Http http(int port) {
        return new Http("http://127.0.0.1:" + port);
    }

    static int freePort() {
        return northstar.bootstrap.http.ServiceHarness.freePort();
    }

    /** Runs a command, returns its wall time in seconds; fails when it fails. */
    static double timed(List<String> command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        int exit = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " exited " + exit);
        }
        return s;
    }

    static double best(int runs, Measure m) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            best = Math.min(best, m.seconds());
        }
        return best;
    }

    static double median(int runs, Measure m) throws Exception {
        List<Double> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            all.add(m.seconds());
        }
        all.sort(Comparator.naturalOrder());
        return all.get(all.size() / 2);
    }

    @FunctionalInterface
    interface Measure {
        double seconds() throws Exception;
    }

    /** Polls a URL until it answers 200; the time from t0 in seconds. */
    static double untilOk(String url, long t0, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
                c.setConnectTimeout(200);
                if (c.getResponseCode() == 200) {
                    return (System.nanoTime() - t0) / 1e9;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(url + " did not answer 200 in " + timeout);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static String perSecond(double v) {
        return f("%,.0f/s", v);
    }

    static Map<String, Object> noMap() {
        return Map.of();
    }
}
