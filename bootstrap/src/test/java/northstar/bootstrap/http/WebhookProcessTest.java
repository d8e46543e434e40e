package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import northstar.domain.alerts.StandardWebhooks;
import northstar.domain.alerts.WebhookSecret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budget alerts reach a tenant's webhook at least once, from a durable outbox: the service is killed
 * (kill -9) while its first delivery waits for the receiver's answer, started again, and delivers
 * every alert, a redelivery under the same webhook-id and each signed as Standard Webhooks do.
 */
class WebhookProcessTest {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final ObjectMapper JSON = new ObjectMapper();

    /** What the receiver was sent: the headers that matter and the body. */
    record Delivery(String id, long timestamp, String signature, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @TempDir
    Path dir;
    final List<Delivery> received = new CopyOnWriteArrayList<>();
    final CountDownLatch firstArrived = new CountDownLatch(1);
    final CountDownLatch releaseFirst = new CountDownLatch(1);
    HttpServer receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var h = exchange.getRequestHeaders();
            received.add(new Delivery(h.getFirst(StandardWebhooks.ID), Long.parseLong(h.getFirst(StandardWebhooks.TIMESTAMP)),
                    h.getFirst(StandardWebhooks.SIGNATURE), new String(body, StandardCharsets.UTF_8)));
            if (received.size() == 1) {
                firstArrived.countDown();
                try {
                    releaseFirst.await(60, TimeUnit.SECONDS); // the first delivery never gets its answer in time
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        releaseFirst.countDown();
        receiver.stop(0);
    }

    Path config(int port) throws IOException {
        String tenant = ConfigFiles.tenant("acme", "lab");
        tenant = tenant.substring(0, tenant.length() - 1) + ", \"webhooks\": [{\"url\": \"http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/hook\", \"secret\": \"" + SECRET + "\", \"events\": "
                + "[\"budget.soft_limit_reached\", \"budget.hard_limit_reached\"]}]}";
        Path file = dir.resolve("northstar.json");
        Files.writeString(file, "{\"listen\": \"127.0.0.1:" + port + "\", \"data_dir\": \"data\", \"env\": \"test\","
                + " \"tenants\": [" + tenant + "], \"routes\": ["
                + "{\"resource_kind\": \"analytics_store\", \"backend_type\": \"sqlite\", \"config\": {\"path\": \"n.db\"}},"
                + "{\"resource_kind\": \"tabular_store\", \"backend_type\": \"sqlite\", \"config\": {\"path\": \"n.db\"}},"
                + "{\"resource_kind\": \"object_store\", \"backend_type\": \"filesystem\", \"config\": {\"root\": \"o\"}}]}");
        return file;
    }

    @Test
    void everyAlertIsDeliveredAfterAKillMidDeliveryAndARedeliveryKeepsItsId() throws Exception {
        int port = ServiceHarness.freePort();
        Path config = config(port);
        String key = ConfigFiles.KEY + "acme";
        Http http = new Http("http://127.0.0.1:" + port);
        try (ServiceProcess first = ServiceProcess.start(dir, List.of(), config.toString())) {
            first.awaitStdout("listening", Duration.ofSeconds(60));
            http.put("/v1/budgets/openai/tokens").key(key).json(Map.of("soft_limit", 5, "hard_limit", 10, "period",
                    "day", "timezone", "Europe/Berlin")).send();
            assertThat(http.post("/v1/budgets/openai/tokens/usage").key(key).json(Map.of("amount", 6)).send().status())
                    .isEqualTo(200);
            assertThat(firstArrived.await(30, TimeUnit.SECONDS)).as("the first delivery started").isTrue();
            assertThat(http.post("/v1/budgets/openai/tokens/usage").key(key).json(Map.of("amount", 4)).send().status())
                    .isEqualTo(200);

            first.kill(); // while the soft-limit alert waits for its answer and the hard-limit alert waits its turn
        }
        assertThat(received).hasSize(1);
        String softId = received.getFirst().id();

        try (ServiceProcess second = ServiceProcess.start(dir, List.of(), config.toString())) {
            second.awaitStdout("listening", Duration.ofSeconds(60));
            await(() -> received.stream().filter(d -> d.json().get("type").asText().equals("budget.hard_limit_reached"))
                    .count() >= 1 && received.stream().filter(d -> d.id().equals(softId)).count() >= 2);

            List<Delivery> soft = received.stream().filter(d -> d.id().equals(softId)).toList();
            List<Delivery> hard = received.stream().filter(d -> !d.id().equals(softId)).toList();
            assertThat(soft).as("delivered again after the restart, under the same webhook-id").hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(d -> assertThat(d.json().get("type").asText()).isEqualTo("budget.soft_limit_reached"));
            assertThat(hard).isNotEmpty().extracting(Delivery::id).containsOnly(hard.getFirst().id());
            WebhookSecret secret = WebhookSecret.parse("secret", SECRET);
            assertThat(received).allSatisfy(d -> assertThat(d.signature())
                    .isEqualTo(StandardWebhooks.sign(secret, d.id(), d.timestamp(), d.body().getBytes(StandardCharsets.UTF_8))));
            JsonNode hardData = hard.getFirst().json().get("data");
            assertThat(hardData.get("usage").asDouble()).isEqualTo(10.0);
            assertThat(hardData.get("limit").asDouble()).isEqualTo(10.0);
            assertThat(hardData.get("period").asText()).isEqualTo("day");
            assertThat(hardData.get("reset_at").asText()).matches(".*T00:00:00\\+0[12]:00");

            JsonNode events = http.get("/v1/analytics/events?app=northstar&start=" + Instant.now().minusSeconds(600)
                    + "&end=" + Instant.now().plusSeconds(600)).key(key).send().json();
            assertThat(events.get("items")).extracting(e -> e.get("payload").get("event").asText())
                    .as("one analytics event per alert").containsExactlyInAnyOrder("budget.soft_limit_reached",
                            "budget.hard_limit_reached");
            assertThat(second.stdout() + second.stderr()).doesNotContain(SECRET.substring(6));
        }
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not delivered in 30 s");
            }
            Thread.sleep(50);
        }
    }
}
