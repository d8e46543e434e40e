package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import northstar.bootstrap.config.ServiceConfig;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;
import northstar.testkit.servers.Freezable;
import org.junit.jupiter.api.Test;

/**
 * A backend that freezes under load (SIGSTOP for a few seconds, then SIGCONT), with concurrent
 * ingest, usage increments, reads and object puts through the real HTTP service. Whatever the
 * backend does: no acknowledged event is lost or stored twice, every answer comes within its
 * deadline plus one second, readiness names the backend while it is down and recovers by itself,
 * the journal drains, and increments retried with their Idempotency-Key end exactly at the usage
 * the clients were granted.
 */
public abstract class BackendOutageSuite extends ServiceHarness {
    static final Duration INGEST_DEADLINE = Duration.ofMillis(1000);
    /** What a request other than an ingest may take in these tests: the service's request deadline. */
    static final Duration CALL_DEADLINE = Duration.ofSeconds(3);
    static final Duration SLACK = Duration.ofSeconds(1);
    static final Duration FREEZE = Duration.ofMillis(2500);

    /** The server (or the proxy in front of it) to freeze. */
    protected abstract Freezable frozen();

    /** The backend type readiness must name while it is frozen. */
    protected abstract String frozenBackendType();

    /** An object route's deadline in these tests: two attempts of 1 s. */
    static final Map<String, String> OBJECT_DEADLINE = Map.of("attempt_timeout_ms", "1000", "max_attempts", "2");

    /** A DynamoDB route on this server whose calls end within the tests' deadline: two attempts of 1 s, 2.5 s in all. */
    static Route dynamo(northstar.testkit.servers.LocalServer dynalite, ResourceKind kind) {
        Map<String, String> config = new java.util.HashMap<>(ConfigFiles.dynamo(dynalite, kind).config());
        config.putAll(Map.of("attempt_timeout_ms", "1000", "api_call_timeout_ms", "2500", "max_attempts", "2",
                "connect_timeout_ms", "500"));
        return new Route(kind, "dynamodb", config);
    }

    /** The embedded default for analytics and tabular data, and these objects. */
    static RoutingTable withObjects(Route objects) {
        return RoutingTable.of(new Route(ResourceKind.ANALYTICS_STORE, "sqlite", Map.of("path", "northstar.db")),
                new Route(ResourceKind.TABULAR_STORE, "sqlite", Map.of("path", "northstar.db")), objects);
    }

    static Map<String, String> with(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new java.util.HashMap<>(a);
        m.putAll(b);
        return m;
    }

    @Override
    protected Duration requestDeadline() {
        return CALL_DEADLINE;
    }

    @Override
    protected ServiceConfig.Ingest ingest() {
        return new ServiceConfig.Ingest(ServiceConfig.Ingest.DEFAULT_JOURNAL_MAX_BYTES, INGEST_DEADLINE);
    }

    record Call(String what, int status, Duration took, boolean retryAfter) {
    }

    final Queue calls = new Queue();

    static final class Queue extends ConcurrentLinkedQueue<Call> {
    }

    Http.Response timed(String what, Http.Request request) {
        long t0 = System.nanoTime();
        Http.Response r = request.send();
        calls.add(new Call(what, r.status(), Duration.ofNanos(System.nanoTime() - t0), r.header("Retry-After") != null));
        return r;
    }

    @Test
    void aFrozenBackendCostsNoAcknowledgedWriteAndEveryAnswerComesInTime() throws Exception {
        Instant from = Instant.now().minusSeconds(60);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger granted = new AtomicInteger();
        AtomicInteger pendingAnswers = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            int client = c;
            work.add(clients.submit(() -> {
                for (int n = 0; running.get(); n++) {
                    String id = "c" + client + "-" + n;
                    Map<String, Object> body = Map.of("analytics_id", id, "app", "agent", "platform", "web",
                            "run_id", "run-c" + client, "step_id", "step_" + n);
                    while (true) { // a client that retries the same body until it is acknowledged
                        Http.Response r = timed("ingest", http.post("/v1/analytics/events").key(ACME).json(body));
                        if (r.status() == 201 || r.status() == 202) {
                            acknowledged.add(id);
                            if (r.status() == 202) {
                                pendingAnswers.incrementAndGet();
                            }
                            break;
                        }
                        assertThat(r.status()).as(r.text()).isEqualTo(503);
                    }
                }
                return null;
            }));
        }
        for (int c = 0; c < 4; c++) {
            int client = c;
            work.add(clients.submit(() -> {
                for (int n = 0; running.get(); n++) {
                    while (true) { // retried with its Idempotency-Key until answered
                        Http.Response r = timed("usage", http.post("/v1/budgets/openai/tokens/usage").key(ACME)
                                .header("Idempotency-Key", "u" + client + "-" + n).json(Map.of("amount", 1)));
                        if (r.status() == 200) {
                            // once per key, whether this attempt applied it or found an earlier 503'd one had
                            granted.incrementAndGet();
                            break;
                        }
                        assertThat(r.status()).as(r.text()).isEqualTo(503);
                    }
                }
                return null;
            }));
        }
        AtomicInteger keylessGranted = new AtomicInteger();
        AtomicInteger keylessUnanswered = new AtomicInteger();
        work.add(clients.submit(() -> { // increments without a key: a 503'd one may have applied, none twice
            while (running.get()) {
                Http.Response r = timed("usage", http.post("/v1/budgets/openai/calls/usage").key(ACME)
                        .json(Map.of("amount", 1)));
                assertThat(r.status()).as(r.text()).isIn(200, 503);
                (r.status() == 200 ? keylessGranted : keylessUnanswered).incrementAndGet();
            }
            return null;
        }));
        work.add(clients.submit(() -> {
            while (running.get()) {
                Http.Response r = timed("read", http.get("/v1/analytics/events?start=" + from + "&end="
                        + Instant.now().plusSeconds(60) + "&limit=10").key(ACME));
                assertThat(r.status()).as(r.text()).isIn(200, 503);
                Http.Response o = timed("object", http.put("/v1/objects/o-" + System.nanoTime() + ".txt").key(ACME)
                        .bytes("x".getBytes(), "text/plain"));
                assertThat(o.status()).as(o.text()).isIn(201, 503);
            }
            return null;
        }));

        Thread.sleep(1000);
        frozen().freeze();
        Http.Response ready;
        try {
            Thread.sleep(1000);
            long t0 = System.nanoTime();
            ready = http.get("/readyz").send();
            Duration readyTook = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(readyTook).isLessThan(Duration.ofSeconds(2).plus(SLACK));
            Thread.sleep(FREEZE.toMillis() - 1000);
        } finally {
            frozen().thaw();
        }
        Thread.sleep(1000);
        running.set(false);
        for (Future<?> f : work) {
            f.get();
        }
        clients.shutdown();

        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().get("detail").asText()).contains("backend_type " + frozenBackendType());
        assertThat(ready.header("Retry-After")).isNotNull();
        awaitReady();
        awaitJournalDrained();

        for (Call c : calls) {
            Duration limit = (c.what().equals("ingest") ? INGEST_DEADLINE : CALL_DEADLINE).plus(SLACK);
            assertThat(c.took()).as(c.toString()).isLessThan(limit);
            if (c.status() == 503) {
                assertThat(c.retryAfter()).as(c + " carries Retry-After").isTrue();
            }
        }
        assertThat(calls.stream().filter(c -> c.status() == 503 || c.status() == 202)).as("the outage was felt")
                .isNotEmpty();
        System.out.printf("outage of %s: %d events acknowledged (%d pending at first), %d increments granted; answers:"
                + " %s%n", frozenBackendType(), acknowledged.size(), pendingAnswers.get(), granted.get(),
                calls.stream().collect(java.util.stream.Collectors.groupingBy(c -> c.what() + " " + c.status(),
                        java.util.TreeMap::new, java.util.stream.Collectors.counting())));
        List<String> stored = range(from);
        assertThat(stored).doesNotHaveDuplicates();
        assertThat(new HashSet<>(stored)).isEqualTo(acknowledged);
        for (int c = 0; c < 8; c++) {
            int client = c;
            long expected = acknowledged.stream().filter(id -> id.startsWith("c" + client + "-")).count();
            JsonNode run = http.get("/v1/analytics/runs/run-c" + c + "/events?limit=1000").key(ACME).send().json();
            assertThat(run.get("items")).hasSize((int) expected);
            for (int i = 0; i < run.get("items").size(); i++) {
                assertThat(run.get("items").get(i).get("step_id").asText()).isEqualTo("step_" + i);
            }
        }
        assertThat(http.get("/v1/budgets/openai/tokens").key(ACME).send().json().get("usage").asDouble())
                .isEqualTo(granted.get());
        assertThat(http.get("/v1/budgets/openai/calls").key(ACME).send().json().get("usage").asDouble())
                .isBetween((double) keylessGranted.get(), (double) keylessGranted.get() + keylessUnanswered.get());
    }

    void awaitReady() throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (http.get("/readyz").send().status() != 200) {
            assertThat(System.nanoTime()).as("ready again without a restart").isLessThan(until);
            Thread.sleep(100);
        }
    }

    void awaitJournalDrained() throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode stats = http.get("/v1/ops/journal").key(ACME_ADMIN).send().json();
            if (stats.get("pending_entries").asInt() == 0) {
                return;
            }
            if (System.nanoTime() > until) {
                StringBuilder dump = new StringBuilder();
                Thread.getAllStackTraces().forEach((t, st) -> {
                    if (t.getName().contains("forwarder")) {
                        dump.append(t).append('\n');
                        for (StackTraceElement e : st) {
                            dump.append("  at ").append(e).append('\n');
                        }
                    }
                });
                throw new AssertionError("the journal did not drain: " + stats + "\n" + dump);
            }
            Thread.sleep(100);
        }
    }

    List<String> range(Instant from) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = http.get("/v1/analytics/events?start=" + from + "&end=" + Instant.now().plusSeconds(60)
                    + "&limit=1000" + (cursor == null ? "" : "&cursor=" + cursor)).key(ACME).send().json();
            page.get("items").forEach(i -> ids.add(i.get("analytics_id").asText()));
            cursor = page.hasNonNull("next_cursor") ? page.get("next_cursor").asText() : null;
        } while (cursor != null);
        return ids;
    }
}
