package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as a process with its analytics and budgets on DynamoDB (dynalite): killed with -9
 * while the backend is frozen and events wait in the journal, then started again once the backend is
 * back; and stopped with SIGTERM while the backend is frozen.
 */
class JournalProcessTest {
    static final Duration START = Duration.ofSeconds(60);
    static LocalServer dynalite;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDynalite() {
        dynalite = LocalServer.dynalite();
    }

    @AfterAll
    static void stopDynalite() {
        dynalite.close();
    }

    Path config(int port, int stopTimeoutSeconds) throws IOException {
        String suffix = UUID.randomUUID().toString().replace("-", "");
        String dynamo = "\"region\": \"eu-west-1\", \"credentials\": \"static\", \"access_key_id\": \"test\", "
                + "\"secret_access_key\": \"test\", \"create_table\": \"true\", \"endpoint\": \"" + dynalite.endpoint()
                + "\", \"attempt_timeout_ms\": \"1000\", \"api_call_timeout_ms\": \"2000\", \"max_attempts\": \"2\"";
        String json = "{\"listen\": \"127.0.0.1:" + port + "\", \"data_dir\": \"data\", \"env\": \"test\",\n"
                + " \"ingest_deadline_ms\": 500, \"stop_timeout_seconds\": " + stopTimeoutSeconds + ",\n"
                + " \"tenants\": [" + ConfigFiles.tenant("acme", "lab") + "],\n"
                + " \"routes\": [{\"resource_kind\": \"analytics_store\", \"backend_type\": \"dynamodb\", \"config\": {"
                + dynamo + ", \"table_name\": \"a_" + suffix + "\"}},"
                + " {\"resource_kind\": \"tabular_store\", \"backend_type\": \"dynamodb\", \"config\": {" + dynamo
                + ", \"table_name\": \"t_" + suffix + "\"}},"
                + " {\"resource_kind\": \"object_store\", \"backend_type\": \"filesystem\", \"config\": {\"root\": "
                + "\"objects\"}}]}";
        Path file = dir.resolve("northstar.json");
        Files.writeString(file, json);
        return file;
    }

    static Map<String, Object> event(String id) {
        return Map.of("analytics_id", id, "app", "agent", "platform", "web", "run_id", "run-k", "step_id",
                "step_" + id.substring(id.indexOf('-') + 1), "usage", Map.of("provider", "openai", "metric", "tokens",
                        "amount", 1));
    }

    @Test
    void everyEventAcknowledgedBeforeAKillMinusNineIsStoredOnceAfterTheRestart() throws Exception {
        int port = ServiceHarness.freePort();
        Path config = config(port, 5);
        String key = ConfigFiles.KEY + "acme";
        Http http = new Http("http://127.0.0.1:" + port);
        Instant from = Instant.now().minusSeconds(60);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (ServiceProcess first = ServiceProcess.start(dir, List.of(), config.toString())) {
            first.awaitStdout("listening", START);
            for (int i = 0; i < 20; i++) {
                Http.Response r = http.post("/v1/analytics/events").key(key).json(event("k-" + i)).send();
                assertThat(r.status()).as(r.text()).isEqualTo(201);
                acknowledged.add("k-" + i);
            }
            dynalite.freeze();
            try {
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
                List<Future<?>> sent = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    int client = c;
                    sent.add(clients.submit(() -> {
                        for (int i = 0; i < 15; i++) {
                            String id = "k-" + (100 + client * 15 + i);
                            Http.Response r = http.post("/v1/analytics/events").key(key).json(event(id)).send();
                            assertThat(r.status()).as(r.text()).isEqualTo(202);
                            assertThat(r.json().get("state").asText()).isEqualTo("pending");
                            acknowledged.add(id);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : sent) {
                    f.get();
                }
                clients.shutdown();
                assertThat(http.get("/v1/analytics/events/k-100").key(key).send().json().get("state").asText())
                        .isEqualTo("pending");
                first.kill();
            } finally {
                dynalite.thaw();
            }
        }
        try (ServiceProcess second = ServiceProcess.start(dir, List.of(), config.toString())) {
            second.awaitStdout("listening", START);
            awaitDrained(http, key);

            List<String> stored = new ArrayList<>();
            JsonNode page = http.get("/v1/analytics/events?start=" + from + "&end=" + Instant.now().plusSeconds(60)
                    + "&limit=1000").key(key).send().json();
            page.get("items").forEach(i -> stored.add(i.get("analytics_id").asText()));
            assertThat(stored).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(acknowledged);
            assertThat(http.get("/v1/analytics/runs/run-k/events?limit=1000").key(key).send().json().get("items"))
                    .hasSize(acknowledged.size());
            // each event's usage charged once, whoever delivered it (the first attempt, the journal, or both)
            assertThat(http.get("/v1/budgets/openai/tokens").key(key).send().json().get("usage").asDouble())
                    .isEqualTo(acknowledged.size());
        }
    }

    @Test
    void sigtermWithAFrozenBackendExitsWithinTheStopTimeoutAndKeepsTheJournal() throws Exception {
        int port = ServiceHarness.freePort();
        Path config = config(port, 3);
        String key = ConfigFiles.KEY + "acme";
        Http http = new Http("http://127.0.0.1:" + port);
        try (ServiceProcess p = ServiceProcess.start(dir, List.of(), config.toString())) {
            p.awaitStdout("listening", START);
            assertThat(http.post("/v1/analytics/events").key(key).json(event("s-1")).send().status()).isEqualTo(201);
            dynalite.freeze();
            try {
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
                for (int c = 0; c < 8; c++) { // requests in flight against the frozen backend at the stop
                    clients.submit(() -> http.get("/v1/budgets/openai/tokens").key(key).send());
                }
                assertThat(http.post("/v1/analytics/events").key(key).json(event("s-2")).send().status()).isEqualTo(202);
                long t0 = System.nanoTime();
                p.terminate();
                int exit = p.awaitExit(Duration.ofSeconds(30));
                Duration took = Duration.ofNanos(System.nanoTime() - t0);

                assertThat(exit).isEqualTo(143);
                assertThat(took).isLessThan(Duration.ofSeconds(3 + 2));
                clients.shutdownNow();
            } finally {
                dynalite.thaw();
            }
        }
        try (ServiceProcess again = ServiceProcess.start(dir, List.of(), config.toString())) {
            again.awaitStdout("listening", START);
            awaitDrained(http, key);
            assertThat(http.get("/v1/analytics/events/s-2").key(key).send().json().get("state").asText())
                    .isEqualTo("stored");
        }
    }

    static void awaitDrained(Http http, String key) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (http.get("/v1/ops/journal").key(key).send().json().get("pending_entries").asInt() > 0) {
            assertThat(System.nanoTime()).as("the journal drains").isLessThan(until);
            Thread.sleep(100);
        }
    }
}
