package northstar.bench;

import static northstar.bench.Report.f;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * 6b. reservations at 16 clients: each client reserves an estimate, then commits an actual at or
 * below it (two requests, the second needing the first's id, so a Java driver rather than wrk),
 * beside plain increments sent by the same driver at the same concurrency, A B A B. Checked: the
 * final usage is exactly the sum of the committed amounts, and nothing is held at the end.
 */
final class ReservationBench {
    static final int CLIENTS = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReservationBench() {
    }

    /** Operations per second and p99 latency of one operation (a reserve + commit cycle, or one increment). */
    record Rate(double perSecond, double p99Millis) {
    }

    static void run(String base, Report report) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        put(client, base + "/v1/budgets/openai/reserved", "{\"hard_limit\": 1e15}");
        put(client, base + "/v1/budgets/openai/plain", "{\"hard_limit\": 1e15}");
        DoubleAdder committed = new DoubleAdder();
        DoubleAdder added = new DoubleAdder();
        int seconds = Math.max(2, BenchSuite.SECONDS / 2);
        load(client, base, seconds, true, committed); // warm-up, counted in the check as well
        load(client, base, seconds, false, added);
        List<Rate> cycles = new ArrayList<>();
        List<Rate> increments = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            cycles.add(load(client, base, seconds, true, committed));
            increments.add(load(client, base, seconds, false, added));
        }
        Rate cycle = best(cycles);
        Rate plain = best(increments);
        JsonNode reserved = get(client, base + "/v1/budgets/openai/reserved");
        JsonNode inc = get(client, base + "/v1/budgets/openai/plain");
        boolean exact = reserved.get("usage").asDouble() == committed.sum() && reserved.get("held").asDouble() == 0
                && inc.get("usage").asDouble() == added.sum();
        report.add("6b. reservations (reserve + commit), 16 clients", f("%s cycles (p99 %.1f ms a cycle)",
                        BenchSuite.perSecond(cycle.perSecond()), cycle.p99Millis()),
                f("plain increments, same driver: %s (p99 %.1f ms)", BenchSuite.perSecond(plain.perSecond()),
                        plain.p99Millis()), cycle.perSecond() / plain.perSecond(),
                f("usage == committed (%,.0f), held 0", committed.sum()), exact);
        if (!exact) {
            System.out.println("  reservation check FAILED: " + reserved + " vs committed " + committed.sum());
        }
    }

    private static Rate best(List<Rate> rates) {
        return rates.stream().max(java.util.Comparator.comparingDouble(Rate::perSecond)).orElseThrow();
    }

    private static Rate load(HttpClient client, String base, int seconds, boolean reserving, DoubleAdder total)
            throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<long[]>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    long[] latencies = new long[1 << 20];
                    int n = 0;
                    while (System.nanoTime() < end && n < latencies.length) {
                        long t0 = System.nanoTime();
                        if (reserving) {
                            JsonNode r = post(client, base + "/v1/budgets/openai/reserved/reservations",
                                    "{\"amount\": 10, \"ttl_seconds\": 60}");
                            post(client, base + "/v1/budgets/openai/reserved/reservations/"
                                    + r.get("reservation_id").asText() + "/commit", "{\"amount\": 7}");
                            total.add(7);
                        } else {
                            post(client, base + "/v1/budgets/openai/plain/usage", "{\"amount\": 1}");
                            total.add(1);
                        }
                        latencies[n++] = System.nanoTime() - t0;
                    }
                    return Arrays.copyOf(latencies, n);
                }));
            }
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : clients) {
            for (long l : f.get()) {
                all.add(l);
            }
        }
        all.sort(null);
        double p99 = all.isEmpty() ? 0 : all.get((int) Math.min(all.size() - 1, Math.ceil(all.size() * 0.99) - 1)) / 1e6;
        return new Rate(all.size() / (double) seconds, p99);
    }

    private static JsonNode post(HttpClient client, String url, String body) throws Exception {
        return send(client, HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static void put(HttpClient client, String url, String body) throws Exception {
        send(client, HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    static JsonNode get(HttpClient client, String url) throws Exception {
        return send(client, HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private static JsonNode send(HttpClient client, HttpRequest.Builder request) throws Exception {
        HttpResponse<byte[]> r = client.send(request.header("Authorization", "Bearer " + BenchSuite.KEY)
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.build().uri() + " answered " + r.statusCode() + ": "
                    + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return JSON.readTree(r.body());
    }
}
