package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service at the heap README gives it (-Xmx128m) under a slow-client attack: a hundred
 * connections dripping a body into one presigned URL and a hundred dripping request headers. The
 * service keeps answering its authenticated clients, logs no OutOfMemoryError, closes every slow
 * connection within its limits, and its heap after a GC is back at its idle level once they are gone.
 */
class SlowClientsProcessTest {
    static final int SLOW_UPLOADS = 100;
    static final int SLOW_HEADERS = 100;
    static final Duration DRIP = Duration.ofMillis(300);
    /** The service's rate window in this test: an admitted slow upload is cut after one. */
    static final Duration RATE_WINDOW = Duration.ofMillis(1500);
    /** How long a slow client keeps dripping if the service never closes it: far past every limit. */
    static final Duration GIVE_UP = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    /** What happened to one slow connection. */
    record Outcome(String statusLine, boolean closedByServer, Duration open) {
    }

    @Test
    void slowUploadsAndSlowHeadersNeitherStarveOthersNorExhaustTheHeap() throws Exception {
        int port = ServiceHarness.freePort();
        Path config = ConfigFiles.writeWith(dir, port, ConfigFiles.tenant("acme", "lab"), ConfigFiles.LAB_ROUTES, "data",
                "\"limits\": {\"header_timeout_ms\": 1500, \"rate_window_ms\": 1500, \"min_upload_bytes_per_second\": 1024},\n");
        String key = ConfigFiles.KEY + "acme";
        try (ServiceProcess p = ServiceProcess.start(dir, List.of("-Xmx128m"), config.toString())) {
            p.awaitStdout("listening", Duration.ofSeconds(60));
            Http http = new Http("http://127.0.0.1:" + port);
            for (int i = 0; i < 30; i++) {
                assertOthersAreServed(http, key, "warm-" + i);
            }
            long idle = heapAfterGc(p.pid());

            URI url = URI.create(http.post("/v1/objects/presign").key(key).json(Map.of("key", "drip/target.bin",
                    "content_type", "application/octet-stream")).send().json().get("url").asText());
            String target = url.getRawPath() + "?" + url.getRawQuery();
            ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<Outcome>> uploads = new ArrayList<>();
            List<Future<Outcome>> heads = new ArrayList<>();
            for (int i = 0; i < SLOW_UPLOADS; i++) {
                uploads.add(clients.submit(() -> dripBody(port, target)));
            }
            for (int i = 0; i < SLOW_HEADERS; i++) {
                heads.add(clients.submit(() -> dripHeaders(port)));
            }

            // while they drip: every authenticated put, ingest and query is answered 2xx
            Instant until = Instant.now().plusSeconds(4);
            int served = 0;
            while (Instant.now().isBefore(until)) {
                assertOthersAreServed(http, key, "during-" + served++);
            }
            assertThat(served).isGreaterThan(3);

            List<Outcome> uploadOutcomes = all(uploads);
            List<Outcome> headOutcomes = all(heads);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            // one upload at a time per presigned URL: the others were refused before their bodies were read.
            // What the server answered is in its access log (a client may miss a 429 when the server's close
            // resets the connection under its next write). An admitted upload is cut by the minimum rate after
            // a rate window, so on a slow machine where drippers connect over a while, one more may be
            // admitted per window, never two at once.
            Map<String, Long> byStatus = uploadOutcomes.stream().collect(java.util.stream.Collectors.groupingBy(
                    o -> o.statusLine().length() >= 12 ? o.statusLine().substring(9, 12) : "closed",
                    java.util.TreeMap::new, java.util.stream.Collectors.counting()));
            // the log of the last one cut may still be on its way: read it until it stops growing
            Map<String, Long> logged = presignedPuts(p);
            for (int stable = 0; stable < 5; ) {
                Thread.sleep(200);
                Map<String, Long> again = presignedPuts(p);
                stable = again.equals(logged) ? stable + 1 : 0;
                logged = again;
            }
            System.out.println("slow uploads: clients saw " + byStatus + ", the server answered " + logged);
            assertThat(byStatus.keySet()).as("every slow upload refused (429) or cut (408 or closed): %s", byStatus)
                    .isSubsetOf("429", "408", "closed");
            long refused = logged.getOrDefault("429", 0L);
            long admitted = logged.entrySet().stream().filter(e -> !e.getKey().equals("429")).mapToLong(Map.Entry::getValue)
                    .sum();
            // (an upload whose head the header deadline cut, on a loaded machine, is never answered nor logged)
            assertThat(refused + admitted).as("answered at most once each: %s", logged).isLessThanOrEqualTo(SLOW_UPLOADS);
            Duration span = uploadOutcomes.stream().map(Outcome::open).max(Duration::compareTo).orElseThrow();
            assertThat(admitted).as("uploads admitted one after another over %s: %s", span, logged)
                    .isLessThanOrEqualTo(1 + span.toMillis() / RATE_WINDOW.toMillis());
            assertThat(refused).isGreaterThanOrEqualTo(SLOW_UPLOADS / 2);
            // and whatever was admitted was cut off by the minimum rate, long before the client gave up
            assertThat(uploadOutcomes).allSatisfy(o -> {
                assertThat(o.closedByServer()).as("%s", o).isTrue();
                assertThat(o.open()).as("%s", o).isLessThan(Duration.ofSeconds(8));
            });
            // every header dripper closed by the header timeout
            assertThat(headOutcomes).allSatisfy(o -> {
                assertThat(o.closedByServer()).as("%s", o).isTrue();
                assertThat(o.open()).as("%s", o).isLessThan(Duration.ofSeconds(8));
            });
            assertOthersAreServed(http, key, "after");
            assertThat(http.get("/v1/objects/drip/target.bin").key(key).send().status())
                    .as("a body cut off is never stored").isEqualTo(404);

            long after = heapAfterGc(p.pid());
            System.out.printf("slow clients: %d rounds served, %d uploads refused 429, heap after GC idle %d KiB, after %d KiB%n",
                    served, refused, idle / 1024, after / 1024);
            assertThat(after).as("heap after GC: idle %d KiB, after the attack %d KiB", idle / 1024, after / 1024)
                    .isLessThan(idle + 8L * 1024 * 1024);
            assertThat(p.alive()).isTrue();
            assertThat(p.stderr() + p.stdout()).doesNotContain("OutOfMemoryError");
        }
    }

    /** The presigned PUTs of the service's access log, by the status it answered. */
    private static Map<String, Long> presignedPuts(ServiceProcess p) {
        return p.stderr().lines().filter(l -> l.contains("PUT /presigned/<path> "))
                .map(l -> l.substring(l.indexOf("PUT /presigned/<path> ") + 22).split(" ")[0])
                .collect(java.util.stream.Collectors.groupingBy(x -> x, java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()));
    }

    private static void assertOthersAreServed(Http http, String key, String id) {
        Http.Response put = http.put("/v1/objects/small/" + id + ".txt").key(key).bytes("hello".getBytes(), "text/plain")
                .send();
        assertThat(put.status()).as(put.text()).isEqualTo(201);
        Http.Response ingest = http.post("/v1/analytics/events").key(key).json(Map.of("analytics_id", "e-" + id, "app",
                "agent", "platform", "web")).send();
        assertThat(ingest.status()).as(ingest.text()).isEqualTo(201);
        Http.Response query = http.get("/v1/analytics/events?limit=5&start=" + Instant.now().minusSeconds(3600) + "&end="
                + Instant.now().plusSeconds(60)).key(key).send();
        assertThat(query.status()).as(query.text()).isEqualTo(200);
    }

    /** A PUT of 10 MiB into the presigned URL whose body comes one byte per drip. */
    private static Outcome dripBody(int port, String target) throws IOException {
        String head = "PUT " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: 10485760\r\n\r\n";
        return drip(port, head, "x");
    }

    /** A GET whose headers never end: one header byte per drip. */
    private static Outcome dripHeaders(int port) throws IOException {
        return drip(port, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n", "X-Slow: aaaa\r\n");
    }

    private static Outcome drip(int port, String first, String then) throws IOException {
        Instant start = Instant.now();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout((int) DRIP.toMillis());
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(first.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder answer = new StringBuilder();
            byte[] more = then.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; Duration.between(start, Instant.now()).compareTo(GIVE_UP) < 0; i++) {
                try {
                    out.write(more[i % more.length]);
                    out.flush();
                } catch (IOException closed) {
                    return new Outcome(readAnswer(in, answer), true, Duration.between(start, Instant.now()));
                }
                try {
                    int b;
                    while ((b = in.read()) >= 0) {
                        answer.append((char) b);
                    }
                    return new Outcome(firstLine(answer), true, Duration.between(start, Instant.now()));
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // nothing from the server yet: drip on
                } catch (IOException reset) {
                    return new Outcome(firstLine(answer), true, Duration.between(start, Instant.now()));
                }
            }
            return new Outcome(firstLine(answer), false, Duration.between(start, Instant.now()));
        }
    }

    private static String readAnswer(InputStream in, StringBuilder answer) {
        try {
            int b;
            while ((b = in.read()) >= 0) {
                answer.append((char) b);
            }
        } catch (IOException ignored) {
            // reset after the answer: what arrived is what there is
        }
        return firstLine(answer);
    }

    private static String firstLine(StringBuilder answer) {
        int end = answer.indexOf("\r\n");
        return end < 0 ? answer.toString() : answer.substring(0, end);
    }

    private static <T> List<T> all(List<Future<T>> futures) throws Exception {
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            out.add(f.get(60, TimeUnit.SECONDS));
        }
        return out;
    }

    /** The heap in use right after a full GC of the process (jcmd): the sum over the heap's lines. */
    static long heapAfterGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        long used = 0;
        Matcher m = Pattern.compile("used (\\d+)K").matcher("");
        for (String line : info.split("\n")) {
            if (line.contains("Metaspace") || line.contains("class space")) {
                break;
            }
            m.reset(line);
            if (m.find()) {
                used += Long.parseLong(m.group(1)) * 1024;
            }
        }
        assertThat(used).as(info).isPositive();
        return used;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Process p = new ProcessBuilder(java.resolveSibling("jcmd").toString(), String.valueOf(pid), command)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
