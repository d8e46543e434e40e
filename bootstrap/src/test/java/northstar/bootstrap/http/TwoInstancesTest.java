package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service processes, each with its own data_dir, on one set of cloud stores (DynamoDB on
 * dynalite, S3 on s3proxy): the hard limit, idempotent ingest, presigned uploads and the journals
 * hold across them.
 */
class TwoInstancesTest {
    static final Duration START = Duration.ofSeconds(60);
    static LocalServer dynalite;
    static LocalServer s3proxy;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServers() {
        dynalite = LocalServer.dynalite();
        s3proxy = LocalServer.s3proxy(Path.of("target/s3proxy-two"));
    }

    @AfterAll
    static void stopServers() {
        dynalite.close();
        s3proxy.close();
    }

    static String routes(String suffix) {
        String aws = "\"region\": \"eu-west-1\", \"credentials\": \"static\", \"access_key_id\": \"test\", "
                + "\"attempt_timeout_ms\": \"1000\", \"api_call_timeout_ms\": \"2000\", \"max_attempts\": \"2\"";
        return "[{\"resource_kind\": \"analytics_store\", \"backend_type\": \"dynamodb\", \"config\": {" + aws
                + ", \"secret_access_key\": \"test\", \"table_name\": \"a_" + suffix + "\", \"create_table\": \"true\", "
                + "\"endpoint\": \"" + dynalite.endpoint() + "\"}},"
                + " {\"resource_kind\": \"tabular_store\", \"backend_type\": \"dynamodb\", \"config\": {" + aws
                + ", \"secret_access_key\": \"test\", \"table_name\": \"t_" + suffix + "\", \"create_table\": \"true\", "
                + "\"endpoint\": \"" + dynalite.endpoint() + "\"}},"
                + " {\"resource_kind\": \"object_store\", \"backend_type\": \"s3\", \"config\": {\"region\": \"us-east-1\", "
                + "\"credentials\": \"static\", \"access_key_id\": \"test\", \"secret_access_key\": \"testsecret\", "
                + "\"bucket\": \"two-" + suffix.substring(0, 8) + "\", \"create_bucket\": \"true\", \"path_style\": \"true\", "
                + "\"endpoint\": \"" + s3proxy.endpoint() + "\"}}]";
    }

    Path config(String name, int port, String routes) throws IOException {
        Path d = dir.resolve(name);
        Files.createDirectories(d);
        Path file = d.resolve("northstar.json");
        Files.writeString(file, "{\"listen\": \"127.0.0.1:" + port + "\", \"data_dir\": \"data\", \"env\": \"test\", "
                + "\"ingest_deadline_ms\": 500, \"tenants\": [" + ConfigFiles.tenant("acme", "saas") + "], \"routes\": "
                + routes + "}");
        return file;
    }

    @Test
    void twoInstancesShareTheHardLimitTheIdsTheObjectsAndDrainTheirOwnJournals() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "");
        int portA = ServiceHarness.freePort();
        int portB = ServiceHarness.freePort();
        Path configA = config("a", portA, routes(suffix));
        Path configB = config("b", portB, routes(suffix));
        String key = ConfigFiles.KEY + "acme";
        try (ServiceProcess a = ServiceProcess.start(configA.getParent(), List.of(), configA.toString());
             ServiceProcess b = ServiceProcess.start(configB.getParent(), List.of(), configB.toString())) {
            a.awaitStdout("listening", START);
            b.awaitStdout("listening", START);
            List<Http> both = List.of(new Http("http://127.0.0.1:" + portA), new Http("http://127.0.0.1:" + portB));
            assertThat(both.get(0).put("/v1/budgets/openai/tokens").key(key).json(Map.of("hard_limit", 1000)).send()
                    .status()).isEqualTo(200);

            // 1,600 increments of 1, half through each instance, 32 at a time
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(32);
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 1600; i++) {
                Http http = both.get(i % 2);
                calls.add(pool.submit(() -> {
                    int status = http.post("/v1/budgets/openai/tokens/usage").key(key).json(Map.of("amount", 1)).send()
                            .status();
                    (status == 200 ? accepted : refused).incrementAndGet();
                    assertThat(status).isIn(200, 429);
                    return null;
                }));
            }
            // the same 200 analytics_ids sent to both at once
            for (int i = 0; i < 200; i++) {
                String id = "both-" + i;
                for (Http http : both) {
                    calls.add(pool.submit(() -> {
                        int status = http.post("/v1/analytics/events").key(key).json(Map.of("analytics_id", id, "app",
                                "agent", "platform", "web", "timestamp", "2026-11-30T10:00:00Z")).send().status();
                        assertThat(status).isIn(200, 201, 202); // 202: slower than the ingest deadline, journaled
                        return null;
                    }));
                }
            }
            for (Future<?> f : calls) {
                f.get();
            }
            pool.shutdown();

            for (Http http : both) {
                JournalProcessTest.awaitDrained(http, key);
            }
            assertThat(accepted.get()).isEqualTo(1000);
            assertThat(refused.get()).isEqualTo(600);
            assertThat(both.get(1).get("/v1/budgets/openai/tokens").key(key).send().json().get("usage").asDouble())
                    .isEqualTo(1000.0);
            JsonNode day = both.get(0).get("/v1/analytics/events?start=2026-11-30T00:00:00Z&end=2026-12-01T00:00:00Z"
                    + "&app=agent&limit=1000").key(key).send().json();
            List<String> ids = new ArrayList<>();
            day.get("items").forEach(i -> ids.add(i.get("analytics_id").asText()));
            assertThat(ids).hasSize(200).doesNotHaveDuplicates();
            // both instances saw the window reach its hard limit; the window has one alert
            JsonNode alerts = both.get(1).get("/v1/analytics/events?app=northstar&start=" + java.time.Instant.now()
                    .minusSeconds(3600) + "&end=" + java.time.Instant.now().plusSeconds(60)).key(key).send().json();
            List<String> kinds = new ArrayList<>();
            alerts.get("items").forEach(i -> kinds.add(i.get("payload").get("event").asText()));
            assertThat(kinds).containsExactly("budget.hard_limit_reached");

            // an upload presigned by one instance is taken by the cloud store and read through the other
            JsonNode presigned = both.get(0).post("/v1/objects/presign").key(key).json(Map.of("key", "shared/p.txt",
                    "content_type", "text/plain")).send().json();
            Http.Request put = both.get(0).put(presigned.get("url").asText()).bytes("from a".getBytes(), "text/plain");
            presigned.get("headers").fields().forEachRemaining(h -> {
                if (!h.getKey().equalsIgnoreCase("content-type")) {
                    put.header(h.getKey(), h.getValue().asText());
                }
            });
            int uploaded = put.send().status();
            assertThat(uploaded).isEqualTo(200);
            assertThat(both.get(1).get("/v1/objects/shared/p.txt").key(key).send().text()).isEqualTo("from a");

            // each instance journals what it accepts while the store is frozen, and drains its own journal
            dynalite.freeze();
            try {
                for (int i = 0; i < 2; i++) {
                    for (int n = 0; n < 5; n++) {
                        Http.Response r = both.get(i).post("/v1/analytics/events").key(key).json(Map.of("analytics_id",
                                "frozen-" + i + "-" + n, "app", "agent", "platform", "web")).send();
                        assertThat(r.status()).isEqualTo(202);
                    }
                }
                for (Http http : both) {
                    assertThat(http.get("/v1/ops/journal").key(key).send().json().get("pending_entries").asInt())
                            .isEqualTo(5);
                }
            } finally {
                dynalite.thaw();
            }
            for (Http http : both) {
                JournalProcessTest.awaitDrained(http, key);
            }
            for (int i = 0; i < 2; i++) {
                for (int n = 0; n < 5; n++) {
                    assertThat(both.get(1 - i).get("/v1/analytics/events/frozen-" + i + "-" + n).key(key).send().json()
                            .get("state").asText()).isEqualTo("stored");
                }
            }
        }
    }
}
