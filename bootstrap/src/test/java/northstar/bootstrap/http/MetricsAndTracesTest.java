package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import northstar.bootstrap.Service;
import northstar.bootstrap.config.ConfigFile;
import northstar.bootstrap.config.Secrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service reports itself: /metrics in Prometheus text (admin keys, or metrics_listen without a
 * key) with every metric README names and no label holding a key, an id or a path; and one span per
 * request with the backend calls it made as its children.
 */
class MetricsAndTracesTest {
    static final String AGENT = "agent-key-0123456789abcdef";

    @TempDir
    Path dir;
    Service service;
    Http http;
    RecordingSpans spans;
    String admin;

    @BeforeEach
    void start() {
        int port = ServiceHarness.freePort();
        String tenants = ConfigFiles.tenant("acme", "lab").replace("}]}", "}, {\"name\": \"agent\", \"sha256\": \""
                + Secrets.sha256Hex(AGENT) + "\"}]}");
        Path config = ConfigFiles.writeWith(dir, port, tenants, ConfigFiles.LAB_ROUTES, "data",
                "\"metrics_listen\": \"127.0.0.1:0\",\n");
        spans = new RecordingSpans();
        service = Service.start(ConfigFile.read(config), spans);
        http = new Http("http://127.0.0.1:" + service.port());
        admin = ConfigFiles.KEY + "acme";
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void metricsNameEveryPartOfTheServiceAndNoLabelHoldsAKeyAnIdOrAPath() {
        assertThat(http.post("/v1/analytics/events").key(AGENT).json(Map.of("analytics_id", "evt-secret-id-1", "app",
                "agent", "platform", "web")).send().status()).isEqualTo(201);
        assertThat(http.put("/v1/budgets/openai/tokens").key(admin).json(Map.of("hard_limit", 10)).send().status())
                .isEqualTo(200);
        assertThat(http.post("/v1/budgets/openai/tokens/usage").key(AGENT).json(Map.of("amount", 11)).send().status())
                .isEqualTo(429);
        assertThat(http.post("/v1/analytics/events").key(AGENT).json(Map.of("analytics_id", "evt-secret-id-2", "app",
                "agent", "platform", "web", "usage", Map.of("provider", "openai", "metric", "tokens", "amount", 50)))
                .send().status()).as("refused by the gate chain's budget gate, stored as gatechainerror").isEqualTo(429);
        assertThat(http.put("/v1/objects/private/object-key-9.txt").key(AGENT).bytes("hello".getBytes(), "text/plain")
                .send().status()).isEqualTo(201);
        assertThat(http.get("/v1/objects/private/object-key-9.txt").key(AGENT).send().text()).isEqualTo("hello");

        Http.Response scraped = http.get("/metrics").key(admin).send();
        assertThat(scraped.status()).as(scraped.text()).isEqualTo(200);
        String text = scraped.text();
        assertThat(text).contains(
                "northstar_http_requests_seconds_bucket{", "route=\"/v1/analytics/events\"",
                "northstar_ingest_events_total{outcome=\"stored\",tenant=\"acme\"} 1",
                "northstar_ingest_events_total{outcome=\"gatechainerror\",tenant=\"acme\"} 1",
                "northstar_backend_call_seconds_bucket{backend_type=\"sqlite\"", "operation=\"ingest\"",
                "northstar_budget_refusals_total{", "northstar_sqlite_commit_group_size_count",
                "northstar_sqlite_fsync_seconds_bucket", "northstar_objects_bytes_total{direction=\"in\"} 5.0",
                "northstar_objects_bytes_total{direction=\"out\"} 5.0", "jvm_memory_used_bytes", "jvm_threads_live_threads",
                "jetty_threads_current");
        assertThat(text).doesNotContain(AGENT, admin, Secrets.sha256Hex(AGENT), "evt-secret-id", "object-key-9",
                "/v1/objects/private");

        assertThat(http.get("/metrics").key(AGENT).send().status()).as("admin keys only").isEqualTo(403);
        assertThat(http.get("/metrics").send().status()).isEqualTo(401);

        // metrics_listen: the same text without a key, and nothing else on that address
        Http internal = new Http("http://127.0.0.1:" + service.metricsPort());
        Http.Response open = internal.get("/metrics").send();
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.text()).contains("northstar_ingest_events_total");
        assertThat(internal.get("/v1/analytics/events").send().status()).isEqualTo(404);
    }

    @Test
    void eachRequestIsOneSpanWithItsBackendCallsAsChildren() {
        assertThat(http.post("/v1/analytics/events").key(AGENT).json(Map.of("analytics_id", "evt-1", "app", "agent",
                "platform", "web")).send().status()).isEqualTo(201);
        assertThat(http.get("/v1/analytics/events/nope").key(AGENT).send().status()).isEqualTo(404);

        List<RecordingSpans.Ended> all = spans.ended();
        RecordingSpans.Ended ingest = all.stream().filter(s -> s.name().equals("POST /v1/analytics/events")).findFirst()
                .orElseThrow(() -> new AssertionError("no request span in " + all));
        assertThat(ingest.attributes()).containsEntry("http.route", "/v1/analytics/events")
                .containsEntry("http.request.method", "POST");
        List<RecordingSpans.Ended> children = all.stream().filter(s -> ingest.spanId().equals(s.parentSpanId())).toList();
        assertThat(children).extracting(RecordingSpans.Ended::name).contains("sqlite ingest");
        assertThat(children).allSatisfy(c -> {
            assertThat(c.traceId()).isEqualTo(ingest.traceId());
            assertThat(c.attributes()).containsKeys("db.system.name", "db.operation.name");
        });

        RecordingSpans.Ended missing = all.stream().filter(s -> s.name().equals("GET /v1/analytics/events/{analytics_id}"))
                .findFirst().orElseThrow();
        assertThat(missing.status()).as("a request that failed says so").isEqualTo(
                io.opentelemetry.api.trace.StatusCode.ERROR);
        assertThat(all.stream().filter(s -> missing.spanId().equals(s.parentSpanId())).map(RecordingSpans.Ended::name)
                .collect(Collectors.toList())).contains("sqlite get");
    }

    /** /docs is Swagger UI over /openapi.json, from the webjar on the module path: no key, no other network. */
    @Test
    void theDocsServeSwaggerUiOverTheServicesOwnDocument() {
        Http.Response page = http.get("/docs").send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("/docs/swagger-ui-bundle.js", "/docs/init.js");
        assertThat(http.get("/docs/init.js").send().text()).contains("url: \"/openapi.json\"");
        Http.Response bundle = http.get("/docs/swagger-ui-bundle.js").send();
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.text().length()).isGreaterThan(1_000_000);
        assertThat(http.get("/docs/swagger-ui.css").send().status()).isEqualTo(200);
        assertThat(http.get("/docs/index.html").send().status()).as("only the UI's own files, by name").isEqualTo(404);
        assertThat(http.get("/docs/..%2Fopenapi.json").send().status()).isIn(400, 404);
    }
}
