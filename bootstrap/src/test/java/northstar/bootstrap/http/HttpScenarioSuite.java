package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import northstar.bootstrap.config.TenantConfig;
import org.junit.jupiter.api.Test;

/**
 * The design's 18 scenarios (B1-B8, C1-C6, I1-I4) over HTTP against the real server, each asserting
 * the data. Written once: a subclass names the routes (the embedded default here; the cloud
 * backends run it again with theirs).
 */
public abstract class HttpScenarioSuite extends ServiceHarness {
    /**
     * The scenarios check what is stored and answered, not how fast: an ingest here waits up to 10 s for
     * its backends before it journals (the default is 2 s). With other test JVMs beside this one, a local
     * server now and then takes longer than 2 s, and the event is answered 202 pending, correctly, where
     * a scenario reads a stored event's answer. The deadline itself is the outage suites' subject.
     */
    @Override
    protected northstar.bootstrap.config.ServiceConfig.Ingest ingest() {
        return new northstar.bootstrap.config.ServiceConfig.Ingest(
                northstar.bootstrap.config.ServiceConfig.Ingest.DEFAULT_JOURNAL_MAX_BYTES, java.time.Duration.ofSeconds(10));
    }

    /** Every answer a scenario receives is held to /openapi.json (status listed, body of its schema). */
    protected OpenApiConformance conformance;

    static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    /** What acme's webhook received: webhook-id, webhook-timestamp, webhook-signature and the body. */
    protected final List<String[]> webhookDeliveries = new java.util.concurrent.CopyOnWriteArrayList<>();
    private com.sun.net.httpserver.HttpServer webhookReceiver;

    /** acme posts its budget alerts to a receiver of this test's. */
    @Override
    protected List<TenantConfig> tenants() {
        List<TenantConfig> t = new ArrayList<>(super.tenants());
        TenantConfig acme = t.getFirst();
        t.set(0, new TenantConfig(acme.tenantId(), acme.mode(), acme.projectId(), acme.apiKeys(),
                acme.rejectUnknownUtmSources(), List.of(new northstar.domain.alerts.Webhook(java.net.URI.create(
                        "http://127.0.0.1:" + webhookReceiver().getAddress().getPort() + "/alerts"),
                        northstar.domain.alerts.WebhookSecret.parse("secret", WEBHOOK_SECRET),
                        java.util.Set.copyOf(northstar.domain.alerts.BudgetAlert.Kind.eventTypes())))));
        return t;
    }

    private com.sun.net.httpserver.HttpServer webhookReceiver() {
        if (webhookReceiver == null) {
            try {
                webhookReceiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            webhookReceiver.createContext("/alerts", exchange -> {
                var h = exchange.getRequestHeaders();
                webhookDeliveries.add(new String[] {h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"),
                        h.getFirst("webhook-signature"), new String(exchange.getRequestBody().readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8)});
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            webhookReceiver.start();
        }
        return webhookReceiver;
    }

    @org.junit.jupiter.api.AfterEach
    void stopWebhookReceiver() {
        if (webhookReceiver != null) {
            webhookReceiver.stop(0);
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void holdEveryAnswerToTheOpenApiDocument() {
        conformance = new OpenApiConformance(http.get("/openapi.json").send().json());
        http = http.observed(conformance);
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** A JSON object from alternating names and values, in order. */
    static Map<String, Object> doc(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /**
     * Whether the object backend's presigned PUT refuses another content type than the signed one:
     * this service's filesystem URLs and S3 do; an Azure SAS cannot constrain request headers.
     */
    protected boolean presignBindsContentType() {
        return true;
    }

    /**
     * Whether the object backend's local server takes uploads to the presigned URLs it is given. The
     * Cloud Storage emulator does not take V4 signed URLs (501): there the scenario checks the URL
     * and what it binds, and the GCS kit verifies each URL as Cloud Storage does (docs/GOOGLE.md).
     */
    protected boolean localServerTakesSignedUploads() {
        return true;
    }

    /** The headers a presigned request lists (x-ms-blob-type for Azure, ...), as an uploader sends them. */
    static Http.Request signed(Http.Request r, JsonNode presigned) {
        presigned.get("headers").properties().forEach(h -> {
            if (!h.getKey().equalsIgnoreCase("Content-Type")) {
                r.header(h.getKey(), h.getValue().asText());
            }
        });
        return r;
    }

    Http.Response ingest(Map<String, Object> event) {
        return http.post("/v1/analytics/events").key(ACME).json(event).send();
    }

    List<JsonNode> eventsOfDay() {
        JsonNode page = http.get("/v1/analytics/events?start=2026-03-01T00:00:00Z&end=2026-03-02T00:00:00Z&limit=1000")
                .key(ACME).send().json();
        List<JsonNode> out = new ArrayList<>();
        page.get("items").forEach(out::add);
        return out;
    }

    @Test
    void b1AnEventIsIngestedWithItsDimensionsAndUtmAndQueriedByTimeAppAndPlatform() {
        Http.Response created = ingest(doc("app", "agent_builder", "surface", "canvas", "platform", "web",
                "session_id", "s_abc123", "request_id", "req_1", "run_id", "run_1", "step_id", "step_1",
                "utm_source", "google", "utm_medium", "cpc", "utm_campaign", "spring_sale",
                "payload", Map.of("action", "click", "x", 12), "timestamp", "2026-03-01T10:00:00.123456Z"));

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("analytics_id").asText();
        JsonNode event = http.get("/v1/analytics/events/" + id).key(ACME).send().json();
        assertThat(event.get("tenant_id").asText()).isEqualTo("acme");
        assertThat(event.get("surface").asText()).isEqualTo("canvas");
        assertThat(event.get("utm_campaign").asText()).isEqualTo("spring_sale");
        assertThat(event.get("payload").get("x").asLong()).isEqualTo(12);
        assertThat(event.get("timestamp").asText()).isEqualTo("2026-03-01T10:00:00.123456Z");
        assertThat(event.get("status").asText()).isEqualTo("success");

        JsonNode filtered = http.get("/v1/analytics/events?start=2026-03-01T10:00:00Z&end=2026-03-01T11:00:00Z"
                + "&app=agent_builder&platform=web").key(ACME).send().json();
        assertThat(filtered.get("items")).hasSize(1);
        assertThat(filtered.get("items").get(0).get("analytics_id").asText()).isEqualTo(id);
        assertThat(http.get("/v1/analytics/events?start=2026-03-01T10:00:00Z&end=2026-03-01T11:00:00Z&platform=mobile")
                .key(ACME).send().json().get("items")).isEmpty();
    }

    /** A client built from the design's AnalyticsRecord sends tenant_id, mode and project_id: they are accepted. */
    @Test
    void b1bAnEventAsTheDesignsRecordDescribesItIsAccepted() {
        JsonNode me = http.get("/v1/whoami").key(ACME).send().json();
        String tenant = me.get("tenant_id").asText();
        String mode = me.get("mode").asText();
        Map<String, Object> record = new java.util.HashMap<>(Map.of("analytics_id", "design-1", "tenant_id", tenant,
                "mode", mode, "project_id", "proj-design", "app", "agent", "platform", "web",
                "timestamp", "2026-03-01T09:00:00Z"));

        Http.Response single = ingest(record);
        record.put("analytics_id", "design-2");
        Http.Response batch = http.post("/v1/analytics/events:batch").key(ACME).json(Map.of("events", List.of(record)))
                .send();

        assertThat(single.status()).as(single.text()).isEqualTo(201);
        assertThat(batch.status()).as(batch.text()).isEqualTo(200);
        assertThat(batch.json().get("results").get(0).get("http_status").asInt()).isEqualTo(201);
        for (String id : List.of("design-1", "design-2")) {
            JsonNode stored = http.get("/v1/analytics/events/" + id).key(ACME).header("X-Project-Id", "proj-design")
                    .send().json();
            assertThat(stored.get("project_id").asText()).as("project_id selects the project").isEqualTo("proj-design");
            assertThat(stored.get("tenant_id").asText()).isEqualTo(tenant);
        }

        record.put("analytics_id", "design-3");
        record.put("tenant_id", "globex");
        assertThat(ingest(record).status()).as("another tenant: the key decides").isEqualTo(403);
        record.put("tenant_id", tenant);
        record.put("mode", mode.equals("lab") ? "saas" : "lab");
        Http.Response wrongMode = ingest(record);
        assertThat(wrongMode.status()).isEqualTo(400);
        assertThat(wrongMode.json().get("field").asText()).isEqualTo("mode");
        record.put("mode", mode);
        Http.Response twoProjects = http.post("/v1/analytics/events").key(ACME).header("X-Project-Id", "proj-other")
                .json(record).send();
        assertThat(twoProjects.status()).isEqualTo(400);
        assertThat(twoProjects.json().get("field").asText()).isEqualTo("project_id");
        assertThat(http.get("/v1/analytics/events/design-3").key(ACME).header("X-Project-Id", "proj-design").send()
                .status()).isEqualTo(404);
    }

    @Test
    void b2AnEventTheGateChainRefusesIsStoredAsGatechainerrorAndTheProblemCarriesItsId() {
        Http.Response refused = ingest(Map.of("analytics_id", "evt-b2", "app", "agent_builder", "platform", "web",
                "utm_source", "google", "utm_medium", "email", "timestamp", "2026-03-01T10:00:00Z"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("analytics_id").asText()).isEqualTo("evt-b2");
        assertThat(refused.json().get("gate").asText()).isEqualTo("attribution");
        JsonNode stored = http.get("/v1/analytics/events/evt-b2").key(ACME).send().json();
        assertThat(stored.get("status").asText()).isEqualTo("gatechainerror");
        assertThat(stored.get("error_message").asText()).startsWith("gate attribution:").contains("medium must be cpc");
    }

    @Test
    void b3TheEventsOfARunComeBackInStepOrder() {
        for (int step : new int[] {10, 2, 1, 11, 3}) {
            assertThat(ingest(Map.of("app", "agent_builder", "platform", "api", "run_id", "run-42", "step_id",
                    "step_" + step, "timestamp", "2026-03-01T10:00:" + (60 - step - 10) + "Z")).status()).isEqualTo(201);
        }

        JsonNode run = http.get("/v1/analytics/runs/run-42/events").key(ACME).send().json();

        List<String> steps = new ArrayList<>();
        run.get("items").forEach(e -> steps.add(e.get("step_id").asText()));
        assertThat(steps).containsExactly("step_1", "step_2", "step_3", "step_10", "step_11");
    }

    @Test
    void b4AContractIsCreatedAndItsVersionGrowsOnChange() {
        Http.Response v1 = http.put("/v1/attribution/contracts/reddit").key(ACME)
                .json(Map.of("utm_template", Map.of("source", "reddit", "medium", "paid"), "allowed_fields",
                        List.of("campaign"))).send();
        Http.Response v2 = http.put("/v1/attribution/contracts/reddit").key(ACME)
                .json(Map.of("utm_template", Map.of("source", "reddit", "medium", "paid"), "allowed_fields",
                        List.of("campaign", "content"))).send();

        assertThat(v1.status()).isEqualTo(200);
        assertThat(v1.json().get("version").asLong()).isEqualTo(1);
        assertThat(v2.json().get("version").asLong()).isEqualTo(2);
        assertThat(v2.json().get("contract_id").asText()).isEqualTo(v1.json().get("contract_id").asText());
        assertThat(v2.json().get("allowed_fields")).hasSize(2);
    }

    @Test
    void b5AContractIsReadByPlatformAndListedWithTheDefaults() {
        JsonNode google = http.get("/v1/attribution/contracts/google_ads").key(ACME).send().json();
        assertThat(google.get("utm_template").get("source").asText()).isEqualTo("google");
        assertThat(google.get("utm_template").get("medium").asText()).isEqualTo("cpc");

        List<String> platforms = new ArrayList<>();
        http.get("/v1/attribution/contracts").key(ACME).send().json().get("items")
                .forEach(c -> platforms.add(c.get("platform").asText()));
        assertThat(platforms).containsExactly("facebook", "google_ads", "linkedin", "tiktok", "twitter");

        JsonNode verdict = http.post("/v1/attribution/contracts/google_ads/validate").key(ACME)
                .json(Map.of("utm_source", "google", "utm_medium", "cpc", "utm_campaign", "{campaignid}")).send().json();
        assertThat(verdict.get("valid").asBoolean()).isFalse();
        assertThat(verdict.get("violations").get(0).get("kind").asText()).isEqualTo("unfilled_macro");
        assertThat(http.get("/v1/attribution/contracts/snapchat").key(ACME).send().status()).isEqualTo(404);
    }

    @Test
    void b6UsageIsRecordedAtomicallyAndRefusedPastTheHardLimit() {
        http.put("/v1/budgets/openai/tokens").key(ACME).json(Map.of("soft_limit", 100000, "hard_limit", 500000)).send();

        JsonNode after = http.post("/v1/budgets/openai/tokens/usage").key(ACME).json(Map.of("amount", 1500)).send().json();
        Http.Response refused = http.post("/v1/budgets/openai/tokens/usage").key(ACME)
                .json(Map.of("amount", 498501)).send();

        assertThat(after.get("usage").asDouble()).isEqualTo(1500.0);
        assertThat(after.get("soft_exceeded").asBoolean()).isFalse();
        assertThat(after.get("hard_exceeded").asBoolean()).isFalse();
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("code").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        JsonNode read = http.get("/v1/budgets/openai/tokens").key(ACME).send().json();
        assertThat(read.get("usage").asDouble()).isEqualTo(1500.0);
        // the design's record_id: stable across answers, one per budget
        assertThat(read.get("record_id").asText()).startsWith("bu_").isEqualTo(after.get("record_id").asText());
        http.put("/v1/budgets/openai/calls").key(ACME).json(Map.of("hard_limit", 5)).send();
        assertThat(http.get("/v1/budgets/openai/calls").key(ACME).send().json().get("record_id").asText())
                .startsWith("bu_").isNotEqualTo(read.get("record_id").asText());
    }

    @Test
    void b7CrossingTheSoftLimitIsReportedAndWarnedThroughAnalytics() {
        http.put("/v1/budgets/anthropic/calls").key(ACME).json(Map.of("soft_limit", 10, "hard_limit", 20)).send();
        http.post("/v1/budgets/anthropic/calls/usage").key(ACME).json(Map.of("amount", 9)).send();

        JsonNode crossing = http.post("/v1/budgets/anthropic/calls/usage").key(ACME).json(Map.of("amount", 1)).send().json();

        assertThat(crossing.get("soft_exceeded").asBoolean()).isTrue();
        assertThat(crossing.get("soft_limit_crossed").asBoolean()).isTrue();
        assertThat(crossing.get("hard_exceeded").asBoolean()).isFalse();
        String now = java.time.Instant.now().toString();
        JsonNode warnings = http.get("/v1/analytics/events?app=northstar&start="
                + java.time.Instant.now().minusSeconds(600) + "&end=" + java.time.Instant.now().plusSeconds(600))
                .key(ACME).send().json();
        assertThat(warnings.get("items")).hasSize(1);
        assertThat(warnings.get("items").get(0).get("payload").get("event").asText()).isEqualTo("budget.soft_limit_reached");
        assertThat(now).isNotEmpty();
    }

    @Test
    void b8AProvidersMetricsAreListed() {
        http.post("/v1/budgets/openai/tokens/usage").key(ACME).json(Map.of("amount", 10)).send();
        http.post("/v1/budgets/openai/images/usage").key(ACME).json(Map.of("amount", 2)).send();
        http.post("/v1/budgets/anthropic/calls/usage").key(ACME).json(Map.of("amount", 1)).send();

        List<String> metrics = new ArrayList<>();
        http.get("/v1/budgets/openai").key(ACME).send().json().get("items")
                .forEach(b -> metrics.add(b.get("metric").asText() + "=" + b.get("usage").asDouble()));

        assertThat(metrics).containsExactly("images=2.0", "tokens=10.0");
    }

    @Test
    void c1MediaIsStoredWithItsChecksumSizeAndType() throws Exception {
        byte[] png = "\u0089PNG fake image bytes".getBytes(StandardCharsets.ISO_8859_1);
        Http.Response stored = http.post("/v1/media?session_id=s_abc123&user_id=u_1").key(ACME).bytes(png, "image/png")
                .send();

        assertThat(stored.status()).isEqualTo(201);
        JsonNode m = stored.json();
        assertThat(m.get("checksum_sha256").asText()).isEqualTo(sha256(png));
        assertThat(m.get("size_bytes").asLong()).isEqualTo(png.length);
        assertThat(m.get("mime_type").asText()).isEqualTo("image/png");
        Http.Response blob = http.get("/v1/media/" + m.get("media_id").asText()).key(ACME).send();
        assertThat(blob.body()).isEqualTo(png);
        assertThat(blob.header("Content-Type")).startsWith("image/png");
        assertThat(blob.header("ETag")).isEqualTo("\"" + sha256(png) + "\"");
        assertThat(blob.header("Content-Length")).isEqualTo(String.valueOf(png.length));
    }

    @Test
    void c2MetadataIsReadWithoutTheBlob() {
        JsonNode m = http.post("/v1/media?session_id=s_1&user_id=u_1").key(ACME).bytes(new byte[] {1, 2, 3}, "image/jpeg")
                .send().json();

        JsonNode meta = http.get("/v1/media/" + m.get("media_id").asText() + "/metadata").key(ACME).send().json();

        assertThat(meta).isEqualTo(m);
    }

    @Test
    void c3ASessionsMediaAreListedInOrder() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(http.post("/v1/media?session_id=s_gallery&user_id=u_1").key(ACME)
                    .bytes(new byte[] {(byte) i}, "image/png").send().json().get("media_id").asText());
        }
        http.post("/v1/media?session_id=s_other&user_id=u_1").key(ACME).bytes(new byte[] {9}, "image/png").send();

        List<String> listed = new ArrayList<>();
        JsonNode page = http.get("/v1/sessions/s_gallery/media?limit=2").key(ACME).send().json();
        page.get("items").forEach(x -> listed.add(x.get("media_id").asText()));
        page = http.get("/v1/sessions/s_gallery/media?limit=2&cursor=" + page.get("next_cursor").asText()).key(ACME)
                .send().json();
        page.get("items").forEach(x -> listed.add(x.get("media_id").asText()));

        assertThat(listed).containsExactlyElementsOf(ids);
        assertThat(page.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void c4c5c6ObjectsArePutGotAndListedAndTheRawRoutesAgree() throws Exception {
        byte[] body = "quarterly numbers".getBytes(StandardCharsets.UTF_8);
        Http.Response put = http.put("/v1/objects/reports/2026/q1.csv").key(ACME).bytes(body, "text/csv").send();
        Http.Response rawPut = http.put("/raw/put/reports/2026/q2.csv").key(ACME).bytes(body, "text/csv").send();

        assertThat(put.status()).isEqualTo(201);
        assertThat(put.json().get("sha256").asText()).isEqualTo(sha256(body));
        assertThat(rawPut.json().get("object_uri").asText()).endsWith("tenants/acme/test/raw/reports/2026/q2.csv");
        Http.Response got = http.get("/v1/objects/reports/2026/q1.csv").key(ACME).send();
        assertThat(got.body()).isEqualTo(body);
        assertThat(got.header("Content-Type")).startsWith("text/csv");
        assertThat(http.head("/v1/objects/reports/2026/q1.csv").key(ACME).send().header("Content-Length"))
                .isEqualTo(String.valueOf(body.length));
        assertThat(Base64.getDecoder().decode(http.get("/raw/get/reports/2026/q2.csv").key(ACME).send().json()
                .get("content").asText())).isEqualTo(body);
        List<String> keys = new ArrayList<>();
        http.get("/v1/objects?prefix=reports/").key(ACME).send().json().get("items").forEach(i -> keys.add(i.get("key").asText()));
        assertThat(keys).containsExactly("reports/2026/q1.csv", "reports/2026/q2.csv");
        assertThat(http.get("/raw/list?prefix=reports/2026/").key(ACME).send().json().get("objects"))
                .extracting(JsonNode::asText).containsExactly("reports/2026/q1.csv", "reports/2026/q2.csv");
        assertThat(http.delete("/v1/objects/reports/2026/q1.csv").key(ACME).send().status()).isEqualTo(204);
        assertThat(http.get("/v1/objects/reports/2026/q1.csv").key(ACME).send().status()).isEqualTo(404);
    }

    /** GET .../check answers what an amount more would do, and changes nothing. */
    @Test
    void b4ABudgetCheckSaysWhatAnAmountWouldDoAndChangesNothing() {
        http.put("/v1/budgets/openai/tokens").key(ACME).json(Map.of("soft_limit", 80, "hard_limit", 100)).send();
        http.post("/v1/budgets/openai/tokens/usage").key(ACME).json(Map.of("amount", 70)).send();

        JsonNode fits = http.get("/v1/budgets/openai/tokens/check?amount=30").key(ACME).send().json();
        JsonNode over = http.get("/v1/budgets/openai/tokens/check?amount=30.5").key(ACME).send().json();
        JsonNode never = http.get("/v1/budgets/anthropic/calls/check?amount=5").key(ACME).send().json();

        assertThat(fits.get("allowed").asBoolean()).isTrue();
        assertThat(fits.get("soft_limit_reached").asBoolean()).isTrue();
        assertThat(fits.get("remaining").asDouble()).isEqualTo(30.0);
        assertThat(over.get("allowed").asBoolean()).isFalse();
        assertThat(over.get("hard_limit_exceeded").asBoolean()).isTrue();
        assertThat(over.get("reset_at").isNull()).isTrue();
        assertThat(never.get("allowed").asBoolean()).isTrue();
        assertThat(never.get("remaining").isNull()).as("no hard limit").isTrue();
        assertThat(http.get("/v1/budgets/openai/tokens").key(ACME).send().json().get("usage").asDouble()).isEqualTo(70.0);
        assertThat(http.get("/v1/budgets/anthropic/calls").key(ACME).send().status()).as("a check creates nothing")
                .isEqualTo(404);
        assertThat(http.get("/v1/budgets/openai/tokens/check?amount=lots").key(ACME).send().status()).isEqualTo(400);
        assertThat(http.get("/v1/budgets/openai/tokens/check?amount=-1").key(ACME).send().status()).isEqualTo(400);
        assertThat(http.get("/v1/budgets/openai/tokens/check").key(ACME).send().status()).isEqualTo(400);
        assertThat(http.get("/v1/budgets/openai/tokens/check?amount=1").key(GLOBEX).send().json().get("usage").asDouble())
                .as("another tenant's budget").isEqualTo(0.0);
    }

    /** A budget counted per day of a time zone: the answers name the window, and lifetime usage goes on. */
    @Test
    void b9ABudgetCountsPerWindowOfItsTimeZone() {
        Http.Response set = http.put("/v1/budgets/openai/tokens").key(ACME).json(Map.of("hard_limit", 100, "period",
                "day", "timezone", "Pacific/Chatham")).send();
        JsonNode used = http.post("/v1/budgets/openai/tokens/usage").key(ACME).json(Map.of("amount", 30)).send().json();

        java.time.ZoneId chatham = java.time.ZoneId.of("Pacific/Chatham");
        java.time.ZonedDateTime today = java.time.LocalDate.now(chatham).atStartOfDay(chatham);
        java.time.format.DateTimeFormatter rfc3339 = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
        assertThat(set.status()).isEqualTo(200);
        assertThat(used.get("period").asText()).isEqualTo("day");
        assertThat(used.get("timezone").asText()).isEqualTo("Pacific/Chatham");
        assertThat(used.get("period_start").asText()).isEqualTo(today.format(rfc3339));
        assertThat(used.get("reset_at").asText()).isEqualTo(today.plusDays(1).format(rfc3339));
        assertThat(used.get("usage").asDouble()).isEqualTo(30.0);
        assertThat(used.get("lifetime_usage").asDouble()).isEqualTo(30.0);
        assertThat(used.get("remaining").asDouble()).isEqualTo(70.0);
        JsonNode listed = http.get("/v1/budgets/openai").key(ACME).send().json().get("items").get(0);
        assertThat(listed.get("period_start").asText()).isEqualTo(today.format(rfc3339));
        JsonNode check = http.get("/v1/budgets/openai/tokens/check?amount=71").key(ACME).send().json();
        assertThat(check.get("allowed").asBoolean()).isFalse();
        assertThat(check.get("reset_at").asText()).isEqualTo(today.plusDays(1).format(rfc3339));

        Http.Response badZone = http.put("/v1/budgets/openai/tokens").key(ACME).json(Map.of("period", "day", "timezone",
                "Mars/Olympus_Mons")).send();
        Http.Response weekStartOnDays = http.put("/v1/budgets/openai/tokens").key(ACME).json(Map.of("period", "day",
                "week_start", "sunday")).send();
        Http.Response badPeriod = http.put("/v1/budgets/openai/tokens").key(ACME).json(Map.of("period", "hourly")).send();
        assertThat(badZone.status()).isEqualTo(400);
        assertThat(badZone.json().get("field").asText()).isEqualTo("timezone");
        assertThat(weekStartOnDays.json().get("field").asText()).isEqualTo("week_start");
        assertThat(badPeriod.json().get("field").asText()).isEqualTo("period");
        assertThat(http.get("/v1/budgets/openai/tokens").key(ACME).send().json().get("timezone").asText())
                .as("refused changes change nothing").isEqualTo("Pacific/Chatham");
        JsonNode weekly = http.put("/v1/budgets/openai/tokens").key(ACME).json(Map.of("hard_limit", 100, "period",
                "week", "week_start", "sunday")).send().json();
        assertThat(weekly.get("week_start").asText()).isEqualTo("sunday");
        assertThat(java.time.OffsetDateTime.parse(weekly.get("period_start").asText()).getDayOfWeek())
                .isEqualTo(java.time.DayOfWeek.SUNDAY);
        assertThat(weekly.get("lifetime_usage").asDouble()).as("what was counted stays").isEqualTo(30.0);
    }

    /** Eight clients sending the same ten Idempotency-Keys at once change usage by exactly the ten amounts. */
    @Test
    void b10RacingRetriesOfTheSameKeysApplyEachOnce() throws Exception {
        http.put("/v1/budgets/openai/tokens").key(ACME).json(Map.of("hard_limit", 1000, "period", "month")).send();
        java.util.concurrent.atomic.AtomicInteger applied = new java.util.concurrent.atomic.AtomicInteger();
        northstar.testkit.Concurrently.run(8, thread -> {
            for (int i = 0; i < 10; i++) {
                int k = (i + thread) % 10 + 1;
                Http.Response r = http.post("/v1/budgets/openai/tokens/usage").key(ACME)
                        .header("Idempotency-Key", "scenario-b10-" + k).json(Map.of("amount", k)).send();
                assertThat(r.status()).isEqualTo(200);
                if (!r.json().get("replayed").asBoolean()) {
                    applied.incrementAndGet();
                }
            }
            return null;
        });

        assertThat(applied.get()).isEqualTo(10);
        assertThat(http.get("/v1/budgets/openai/tokens").key(ACME).send().json().get("usage").asDouble()).isEqualTo(55.0);
        assertThat(http.post("/v1/budgets/openai/tokens/usage").key(ACME).header("Idempotency-Key", "scenario-b10-3")
                .json(Map.of("amount", 4)).send().status()).as("a key with another amount").isEqualTo(409);
    }

    /** Reserve, then commit the actual or release: holds count against the hard limit; each end applies once. */
    @Test
    void b11AReservationHoldsUntilCommittedOrReleased() {
        http.put("/v1/budgets/openai/tokens").key(ACME).json(Map.of("hard_limit", 100)).send();

        Http.Response held = http.post("/v1/budgets/openai/tokens/reservations").key(ACME)
                .header("Idempotency-Key", "scenario-b11").json(Map.of("amount", 60, "ttl_seconds", 120, "run_id",
                        "run-b11", "step_id", "1")).send();
        Http.Response again = http.post("/v1/budgets/openai/tokens/reservations").key(ACME)
                .header("Idempotency-Key", "scenario-b11").json(Map.of("amount", 60, "ttl_seconds", 120)).send();
        Http.Response tooMuch = http.post("/v1/budgets/openai/tokens/reservations").key(ACME)
                .json(Map.of("amount", 41, "ttl_seconds", 120)).send();
        String id = held.json().get("reservation_id").asText();
        Http.Response others = http.post("/v1/budgets/openai/tokens/reservations/" + id + "/commit").key(GLOBEX)
                .json(Map.of("amount", 1)).send();
        Http.Response committed = http.post("/v1/budgets/openai/tokens/reservations/" + id + "/commit").key(ACME)
                .json(Map.of("amount", 75)).send();
        Http.Response recommitted = http.post("/v1/budgets/openai/tokens/reservations/" + id + "/commit").key(ACME)
                .json(Map.of("amount", 75)).send();
        Http.Response releasedAfter = http.delete("/v1/budgets/openai/tokens/reservations/" + id).key(ACME).send();

        assertThat(held.status()).isEqualTo(201);
        assertThat(held.json().get("remaining").asDouble()).isEqualTo(40.0);
        assertThat(held.json().get("budget").get("held").asDouble()).isEqualTo(60.0);
        assertThat(java.time.Instant.parse(held.json().get("expires_at").asText()))
                .isAfter(java.time.Instant.now().plusSeconds(100));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("reservation_id").asText()).isEqualTo(id);
        assertThat(again.json().get("replayed").asBoolean()).isTrue();
        assertThat(tooMuch.status()).isEqualTo(429);
        assertThat(others.status()).as("another tenant's reservation").isEqualTo(404);
        assertThat(committed.status()).isEqualTo(200);
        assertThat(committed.json().get("status").asText()).isEqualTo("committed");
        assertThat(committed.json().get("overrun").asBoolean()).isTrue();
        assertThat(committed.json().get("budget").get("usage").asDouble()).isEqualTo(75.0);
        assertThat(committed.json().get("budget").get("held").asDouble()).isZero();
        assertThat(recommitted.json().get("replayed").asBoolean()).isTrue();
        assertThat(releasedAfter.status()).isEqualTo(409);

        String second = http.post("/v1/budgets/openai/tokens/reservations").key(ACME)
                .json(Map.of("amount", 20, "ttl_seconds", 60)).send().json().get("reservation_id").asText();
        JsonNode released = http.delete("/v1/budgets/openai/tokens/reservations/" + second).key(ACME).send().json();
        assertThat(released.get("status").asText()).isEqualTo("released");
        assertThat(released.get("budget").get("remaining").asDouble()).isEqualTo(25.0);
        assertThat(http.delete("/v1/budgets/openai/tokens/reservations/rsv_unknown").key(ACME).send().status())
                .isEqualTo(404);
        assertThat(http.post("/v1/budgets/openai/tokens/reservations").key(ACME)
                .json(Map.of("amount", 1, "ttl_seconds", 0)).send().json().get("field").asText()).isEqualTo("ttl_seconds");
        assertThat(http.post("/v1/budgets/openai/tokens/reservations").key(ACME)
                .json(Map.of("amount", 1)).send().json().get("field").asText()).isEqualTo("ttl_seconds");
    }

    /**
     * Reaching the soft limit, the hard limit and an overrun each make one alert of the window: an
     * analytics event and a signed webhook delivery, however often the window is at or past the limit.
     */
    @Test
    void b12EachAlertOfAWindowIsRecordedAndDeliveredOnceSigned() throws Exception {
        http.put("/v1/budgets/openai/tokens").key(ACME).json(Map.of("soft_limit", 50, "hard_limit", 100, "period",
                "month", "timezone", "America/Sao_Paulo")).send();
        http.post("/v1/budgets/openai/tokens/usage").key(ACME).json(Map.of("amount", 60)).send();
        http.post("/v1/budgets/openai/tokens/usage").key(ACME).json(Map.of("amount", 5)).send(); // still past: no new alert
        String id = http.post("/v1/budgets/openai/tokens/reservations").key(ACME).json(Map.of("amount", 10,
                "ttl_seconds", 60)).send().json().get("reservation_id").asText();
        http.post("/v1/budgets/openai/tokens/reservations/" + id + "/commit").key(ACME).json(Map.of("amount", 35)).send();

        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        while (webhookDeliveries.stream().map(d -> d[0]).distinct().count() < 3 && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        Thread.sleep(1_200); // a pass more (one a second): anything sent twice would show now

        List<String> types = new ArrayList<>();
        var secret = northstar.domain.alerts.WebhookSecret.parse("secret", WEBHOOK_SECRET);
        for (String[] d : webhookDeliveries) {
            assertThat(d[2]).isEqualTo(northstar.domain.alerts.StandardWebhooks.sign(secret, d[0], Long.parseLong(d[1]),
                    d[3].getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            conformance.webhookBody("budgetAlert", d[3]);
            JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(d[3]);
            assertThat(body.get("data").get("alert_id").asText()).isEqualTo(d[0]);
            assertThat(body.get("data").get("reset_at").asText()).endsWith("T00:00:00-03:00");
            types.add(body.get("type").asText());
        }
        assertThat(types).containsExactlyInAnyOrder("budget.soft_limit_reached", "budget.hard_limit_reached",
                "budget.overrun");
        JsonNode events = http.get("/v1/analytics/events?app=northstar&start=" + java.time.Instant.now().minusSeconds(600)
                + "&end=" + java.time.Instant.now().plusSeconds(600)).key(ACME).send().json();
        List<String> recorded = new ArrayList<>();
        events.get("items").forEach(e -> recorded.add(e.get("payload").get("event").asText() + " "
                + e.get("analytics_id").asText()));
        assertThat(recorded).hasSize(3).allSatisfy(r -> assertThat(webhookDeliveries.stream()
                .anyMatch(d -> r.endsWith(" " + d[0]))).isTrue());
    }

    /** A run's summary: steps in natural order, the worst status, the refusing gate, what was charged. */
    @Test
    void b13ARunsSummaryTellsWhatHappenedStepByStep() {
        http.put("/v1/budgets/openai/tokens").key(ACME).json(Map.of("hard_limit", 1000)).send();
        List<Map<String, Object>> events = List.of(
                doc("analytics_id", "rs-1", "app", "agent", "platform", "web", "run_id", "run-sum", "step_id", "step_10",
                        "timestamp", "2026-03-01T10:00:09Z", "usage", Map.of("provider", "openai", "metric", "tokens",
                                "amount", 300)),
                doc("analytics_id", "rs-2", "app", "agent", "platform", "web", "run_id", "run-sum", "step_id", "step_2",
                        "timestamp", "2026-03-01T10:00:02Z", "usage", Map.of("provider", "openai", "metric", "tokens",
                                "amount", 500)),
                doc("analytics_id", "rs-3", "app", "agent", "platform", "web", "run_id", "run-sum", "step_id", "step_2",
                        "timestamp", "2026-03-01T10:00:03.500Z", "status", "error", "error_message", "tool timed out"),
                doc("analytics_id", "rs-4", "app", "agent", "platform", "web", "run_id", "run-sum", "step_id", "step_1",
                        "timestamp", "2026-03-01T10:00:00Z"),
                doc("analytics_id", "rs-5", "app", "agent", "platform", "web", "run_id", "run-sum", "step_id", "step_10",
                        "timestamp", "2026-03-01T10:00:10Z", "usage", Map.of("provider", "openai", "metric", "tokens",
                                "amount", 900)));
        for (Map<String, Object> e : events) {
            assertThat(ingest(e).status()).isIn(201, 429); // rs-5 would pass the hard limit: stored, refused
        }

        JsonNode s = http.get("/v1/analytics/runs/run-sum/summary").key(ACME).send().json();

        assertThat(s.get("status").asText()).isEqualTo("gatechainerror");
        assertThat(s.get("events").asInt()).isEqualTo(5);
        assertThat(s.get("errors").asInt()).isEqualTo(2);
        assertThat(s.get("first_at").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(s.get("duration_ms").asLong()).isEqualTo(10_000);
        List<String> steps = new ArrayList<>();
        s.get("steps").forEach(st -> steps.add(st.get("step_id").asText() + " " + st.get("status").asText() + " "
                + st.get("events").asInt() + " " + st.get("duration_ms").asLong() + " " + st.get("gate").asText("-")));
        assertThat(steps).containsExactly("step_1 success 1 0 -", "step_2 error 2 1500 -",
                "step_10 gatechainerror 2 1000 budget");
        assertThat(s.get("steps").get(1).get("error_message").asText()).isEqualTo("tool timed out");
        assertThat(s.get("usage")).singleElement().satisfies(u -> {
            assertThat(u.get("provider").asText() + "/" + u.get("metric").asText()).isEqualTo("openai/tokens");
            assertThat(u.get("amount").asDouble()).as("what was charged; the refused 900 was not").isEqualTo(800.0);
        });
        assertThat(s.get("truncated").asBoolean()).isFalse();
        assertThat(http.get("/v1/analytics/runs/run-none/summary").key(ACME).send().status()).isEqualTo(404);
        assertThat(http.get("/v1/analytics/runs/run-sum/summary").key(GLOBEX).send().status())
                .as("another tenant's run").isEqualTo(404);
        assertThat(http.get("/v1/analytics/runs/bad%20id/summary").key(ACME).send().status()).isEqualTo(400);
    }

    /** The report: time series per group from the rollups, by app and status per hour, by campaign per day. */
    @Test
    void b14TheReportCountsWhatWasStoredPerHourAndPerCampaign() throws InterruptedException {
        http.put("/v1/budgets/anthropic/calls").key(ACME).json(Map.of("hard_limit", 3)).send();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Map<String, Object> e = doc("analytics_id", "rp-" + i, "app", i % 3 == 0 ? "coder" : "agent", "platform",
                    "web", "timestamp", "2026-04-02T" + (i < 8 ? "10" : "11") + ":0" + (i % 10) + ":00Z",
                    "utm_source", i % 2 == 0 ? "newsletter" : "podcast", "utm_medium", "email", "utm_campaign", "spring");
            if (i % 4 == 1) {
                e.put("status", "error");
                e.put("error_message", "tool failed");
            }
            if (i >= 8) { // four calls against a hard limit of 3: the last is refused
                e.put("usage", Map.of("provider", "anthropic", "metric", "calls", "amount", 1));
            }
            batch.add(e);
        }
        assertThat(http.post("/v1/analytics/events:batch").key(ACME).json(Map.of("events", batch)).send().status())
                .isIn(200, 207);
        http.post("/v1/analytics/events:batch").key(ACME).json(Map.of("events", batch)).send(); // a replay: never counted

        String byApp = "/v1/analytics/report?from=2026-04-02T00:00:00Z&to=2026-04-03T00:00:00Z&granularity=hour"
                + "&group_by=app,status";
        JsonNode r = http.get(byApp).key(ACME).send().json();
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
        while (total(r) < 12 && java.time.Instant.now().isBefore(deadline)) { // counts are written once a second
            Thread.sleep(200);
            r = http.get(byApp).key(ACME).send().json();
        }
        Thread.sleep(1_200);
        r = http.get(byApp).key(ACME).send().json();

        assertThat(total(r)).as("every stored event once, the replay never").isEqualTo(12);
        List<String> points = new ArrayList<>();
        r.get("series").forEach(series -> series.get("points").forEach(pt -> points.add(series.get("group").get("app")
                .asText() + " " + series.get("group").get("status").asText() + " " + pt.get("start").asText() + " "
                + pt.get("events").asLong())));
        assertThat(points).containsExactlyInAnyOrder(
                "coder success 2026-04-02T10:00:00Z 3", "agent success 2026-04-02T10:00:00Z 3",
                "agent error 2026-04-02T10:00:00Z 2",
                "agent success 2026-04-02T11:00:00Z 2", "coder error 2026-04-02T11:00:00Z 1",
                "agent gatechainerror 2026-04-02T11:00:00Z 1");

        JsonNode hourly = http.get("/v1/analytics/report?from=2026-04-02T11:00:00Z&to=2026-04-02T12:00:00Z"
                + "&granularity=hour").key(ACME).send().json();
        JsonNode eleven = hourly.get("series").get(0).get("points").get(0);
        assertThat(eleven.get("events").asLong()).isEqualTo(4);
        assertThat(eleven.get("error_rate").asDouble()).isEqualTo(0.25);
        assertThat(eleven.get("gatechainerror_rate").asDouble()).isEqualTo(0.25);
        assertThat(eleven.get("usage")).singleElement().satisfies(u -> assertThat(u.get("amount").asDouble())
                .as("three charged calls; the refused one was not").isEqualTo(3.0));

        JsonNode campaigns = http.get("/v1/analytics/report?from=2026-04-01T00:00:00Z&to=2026-04-05T00:00:00Z"
                + "&granularity=day&group_by=utm_source,utm_campaign").key(ACME).send().json();
        Map<String, Long> bySource = new java.util.TreeMap<>();
        campaigns.get("series").forEach(series -> bySource.put(series.get("group").get("utm_source").asText() + "/"
                + series.get("group").get("utm_campaign").asText(), series.get("events").asLong()));
        assertThat(bySource).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("newsletter/spring", 6L,
                "podcast/spring", 6L)));

        assertThat(total(http.get(byApp).key(GLOBEX).send().json())).as("another tenant's report").isZero();
        Http.Response bad = http.get("/v1/analytics/report?from=2026-04-02T00:00:00Z&to=2026-04-03T00:00:00Z"
                + "&granularity=hour&group_by=utm_source").key(ACME).send();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        assertThat(http.get("/v1/analytics/report?from=2026-04-02T00:00:00Z&to=2026-04-03T00:00:00Z&granularity=week")
                .key(ACME).send().status()).isEqualTo(400);
        assertThat(http.get(byApp).send().status()).isEqualTo(401);
    }

    /** A session's summary: its runs in natural order, outcomes, what was charged, its media count and bytes. */
    @Test
    void b15ASessionsSummaryTellsItsRunsUsageAndMedia() throws InterruptedException {
        http.put("/v1/budgets/openai/requests").key(ACME).json(Map.of("hard_limit", 2)).send();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Map<String, Object> e = doc("analytics_id", "ss-" + i, "app", "agent", "platform", "web", "session_id",
                    "s_summary", "run_id", i < 3 ? "run-2" : "run-10", "step_id", "step_" + i,
                    "timestamp", "2026-04-03T0" + (i < 5 ? "9" : "8") + ":1" + i + ":00Z");
            if (i == 4) {
                e.put("status", "error");
                e.put("error_message", "tool failed");
            }
            if (i >= 6) { // three requests against a hard limit of 2: the last is refused
                e.put("usage", Map.of("provider", "openai", "metric", "requests", "amount", 1));
            }
            batch.add(e);
        }
        batch.add(doc("analytics_id", "ss-other", "app", "agent", "platform", "web", "session_id", "s_other",
                "run_id", "run-2", "timestamp", "2026-04-03T09:00:00Z"));
        http.post("/v1/analytics/events:batch").key(ACME).json(Map.of("events", batch)).send();
        byte[] png = new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4};
        assertThat(http.post("/v1/media?session_id=s_summary&user_id=u_1").key(ACME).bytes(png, "image/png").send()
                .status()).isEqualTo(201);
        assertThat(http.post("/v1/media?session_id=s_summary&user_id=u_1").key(ACME).bytes(new byte[100], "text/plain")
                .send().status()).isEqualTo(201);

        JsonNode s = http.get("/v1/sessions/s_summary/summary").key(ACME).send().json();
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
        while (s.path("events").asLong() < 9 && java.time.Instant.now().isBefore(deadline)) { // written once a second
            Thread.sleep(200);
            s = http.get("/v1/sessions/s_summary/summary").key(ACME).send().json();
        }
        // a flush writes a counter's fields one increment each: read again after the one under way is done
        Thread.sleep(1_200);
        s = http.get("/v1/sessions/s_summary/summary").key(ACME).send().json();

        assertThat(s.get("events").asLong()).isEqualTo(9);
        assertThat(s.get("errors").asLong()).isEqualTo(1);
        assertThat(s.get("gatechainerrors").asLong()).isEqualTo(1);
        assertThat(s.get("first_hour").asText()).isEqualTo("2026-04-03T08:00:00Z");
        assertThat(s.get("last_hour").asText()).isEqualTo("2026-04-03T09:00:00Z");
        List<String> runs = new ArrayList<>();
        s.get("runs").forEach(r -> runs.add(r.get("run_id").asText() + " " + r.get("events").asLong() + " "
                + r.get("errors").asLong()));
        assertThat(runs).containsExactly("run-2 3 0", "run-10 6 2");
        assertThat(s.get("usage")).singleElement().satisfies(u -> assertThat(u.get("amount").asDouble())
                .as("two charged; the refused request was not").isEqualTo(2.0));
        assertThat(s.get("media").get("count").asLong()).isEqualTo(2);
        assertThat(s.get("media").get("bytes").asLong()).isEqualTo(png.length + 100);
        assertThat(s.get("truncated").asBoolean()).isFalse();

        assertThat(http.get("/v1/sessions/s_none/summary").key(ACME).send().status()).isEqualTo(404);
        assertThat(http.get("/v1/sessions/s_summary/summary").key(GLOBEX).send().status())
                .as("another tenant's session").isEqualTo(404);
        assertThat(http.get("/v1/sessions/bad%20id/summary").key(ACME).send().status()).isEqualTo(400);
    }

    private static long total(JsonNode report) {
        long n = 0;
        for (JsonNode series : report.get("series")) {
            n += series.get("events").asLong();
        }
        return n;
    }

    @Test
    void c4APresignedPutIsHonouredForItsKeyAndMethodOnly() {
        JsonNode p = http.post("/v1/objects/presign").key(ACME)
                .json(Map.of("key", "uploads/cat.png", "ttl_seconds", 300, "content_type", "image/png", "overwrite", true))
                .send().json();
        String url = p.get("url").asText();

        assertThat(p.get("method").asText()).isEqualTo("PUT");
        assertThat(p.get("overwrite").asBoolean()).isTrue();
        if (!localServerTakesSignedUploads()) {
            assertThat(url).contains("/uploads/cat.png").contains("X-Goog-Signature=").contains("X-Goog-Expires=300");
            assertThat(p.get("headers").get("Content-Type").asText()).isEqualTo("image/png");
            assertThat(p.get("enforced")).extracting(JsonNode::asText).contains("content_type", "max_bytes");
            assertThat(signed(http.put(url), p).bytes(new byte[] {7, 7}, "image/png").send().status())
                    .as("the emulator's answer to a signed upload").isEqualTo(501);
            assertThat(http.get("/v1/objects/uploads/cat.png").key(ACME).send().status()).isEqualTo(404);
            return;
        }
        assertThat(signed(http.put(url.replace("cat.png", "dog.png")), p).bytes(new byte[] {1}, "image/png").send()
                .status()).isEqualTo(403);
        Http.Response otherType = signed(http.put(url), p).bytes(new byte[] {1}, "text/html").send();
        if (presignBindsContentType()) {
            assertThat(otherType.status()).isEqualTo(403);
        } else {
            // a SAS cannot constrain request headers: the upload is taken (and replaced below)
            assertThat(otherType.status()).isEqualTo(201);
        }
        assertThat(http.method("DELETE", url).send().status()).isIn(403, 404, 405);
        // the backend that signed the URL answers: this service (201), S3 (200) or Azure (201)
        assertThat(signed(http.put(url), p).bytes(new byte[] {7, 7}, "image/png").send().status()).isBetween(200, 201);
        assertThat(http.get("/v1/objects/uploads/cat.png").key(ACME).send().body()).containsExactly(7, 7);
        assertThat(http.get("/v1/objects/uploads/dog.png").key(ACME).send().status()).isEqualTo(404);
    }

    @Test
    void i1AServiceWhoseSaasTenantWouldReachTheFilesystemStoreRefusesToStart() {
        var saas = new java.util.ArrayList<>(tenants());
        saas.add(new northstar.bootstrap.config.TenantConfig("bigco", northstar.domain.Mode.SAAS, "default", List.of()));
        var config = new northstar.bootstrap.config.ServiceConfig("127.0.0.1", freePort(), data.resolve("i1"), "test",
                java.net.URI.create("http://127.0.0.1:1"), 1024, java.time.Duration.ofSeconds(1), saas,
                northstar.domain.routing.RoutingTable.of(new northstar.domain.routing.Route(
                        northstar.domain.routing.ResourceKind.ANALYTICS_STORE, "sqlite", Map.of("path", "i1.db")),
                        new northstar.domain.routing.Route(northstar.domain.routing.ResourceKind.TABULAR_STORE, "sqlite",
                                Map.of("path", "i1.db")),
                        new northstar.domain.routing.Route(northstar.domain.routing.ResourceKind.OBJECT_STORE,
                                "filesystem", Map.of("root", "i1"))));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> northstar.bootstrap.Service.start(config))
                .isInstanceOf(northstar.domain.routing.RouteConfigurationException.class)
                .hasMessageContaining("tenant bigco (mode saas)").hasMessageContaining("serves lab mode only");
    }

    @Test
    void i2AnalyticsAndTabularDataGoWhereTheirRoutesSay() {
        JsonNode routes = http.get("/v1/routes").key(ACME_ADMIN).send().json().get("routes");
        assertThat(routes).hasSize(3);
        ingest(Map.of("analytics_id", "i2", "app", "agent_builder", "platform", "web", "timestamp", "2026-03-01T10:00:00Z"));
        http.post("/v1/budgets/openai/tokens/usage").key(ACME).json(Map.of("amount", 3)).send();

        assertThat(http.get("/v1/analytics/events/i2").key(ACME).send().status()).isEqualTo(200);
        assertThat(http.get("/v1/budgets/openai/tokens").key(ACME).send().json().get("usage").asDouble()).isEqualTo(3.0);
        for (JsonNode r : routes) {
            assertThat(r.get("config").toString()).doesNotContain(ACME).doesNotContain(ACME_ADMIN);
        }
    }

    @Test
    void i3MediaBlobsLiveInTheObjectStore() {
        byte[] bytes = {4, 5, 6};
        String id = http.post("/v1/media?session_id=s_1&user_id=u_1").key(ACME).bytes(bytes, "application/pdf").send()
                .json().get("media_id").asText();

        assertThat(http.get("/v1/objects/media/" + id).key(ACME).send().body()).isEqualTo(bytes);
        assertThat(http.delete("/v1/media/" + id).key(ACME).send().status()).isEqualTo(204);
        assertThat(http.get("/v1/objects/media/" + id).key(ACME).send().status()).isEqualTo(404);
        assertThat(http.get("/v1/media/" + id + "/metadata").key(ACME).send().status()).isEqualTo(404);
    }

    @Test
    void i4EveryEventPersistsWhateverItsStatus() {
        ingest(Map.of("analytics_id", "ok", "app", "a", "platform", "web", "timestamp", "2026-03-01T10:00:00Z"));
        ingest(Map.of("analytics_id", "client-error", "app", "a", "platform", "web", "status", "error",
                "error_message", "tool crashed", "timestamp", "2026-03-01T10:00:01Z"));
        JsonNode batch = http.post("/v1/analytics/events:batch").key(ACME).json(Map.of("events", List.of(
                Map.of("analytics_id", "gated", "app", "a", "platform", "web", "utm_source", "tiktok",
                        "utm_medium", "email", "timestamp", "2026-03-01T10:00:02Z"),
                Map.of("analytics_id", "ok-2", "app", "a", "platform", "web", "timestamp", "2026-03-01T10:00:03Z"))))
                .send().json();

        // one shape for every item: an event status (when stored), a state, an HTTP status
        JsonNode gated = batch.get("results").get(0);
        assertThat(gated.get("status").asText()).isEqualTo("gatechainerror");
        assertThat(gated.get("state").asText()).isEqualTo("stored");
        assertThat(gated.get("http_status").asInt()).isEqualTo(422);
        JsonNode ok = batch.get("results").get(1);
        assertThat(ok.get("status").asText()).isEqualTo("success");
        assertThat(ok.get("state").asText()).isEqualTo("stored");
        assertThat(ok.get("http_status").asInt()).isEqualTo(201);
        List<String> seen = new ArrayList<>();
        eventsOfDay().forEach(e -> seen.add(e.get("analytics_id").asText() + ":" + e.get("status").asText()));
        assertThat(seen).containsExactly("ok:success", "client-error:error", "gated:gatechainerror", "ok-2:success");
    }

    @Test
    void aRetriedEventIsStoredOnce() {
        Map<String, Object> e = Map.of("analytics_id", "retry-me", "app", "a", "platform", "web", "timestamp",
                "2026-03-01T10:00:00Z");
        assertThat(ingest(e).status()).isEqualTo(201);
        Http.Response again = ingest(e);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("replayed").asBoolean()).isTrue();
        assertThat(eventsOfDay()).hasSize(1);
        assertThat(ingest(Map.of("analytics_id", "retry-me", "app", "b", "platform", "web")).status()).isEqualTo(409);
    }

    @Test
    void aRetriedBodyWithoutItsOwnTimestampIsAReplayNotAConflict() {
        Map<String, Object> e = Map.of("analytics_id", "no-time", "app", "a", "platform", "web");
        Http.Response first = ingest(e);
        Http.Response again = ingest(e);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("state").asText()).isEqualTo("stored");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("replayed").asBoolean()).isTrue();
        assertThat(http.get("/v1/analytics/events/no-time").key(ACME).send().json().get("state").asText())
                .isEqualTo("stored");
    }

    @Test
    void anIdempotencyKeyAppliesAUsageIncrementOnceAndAnotherAmountUnderItIsAConflict() {
        Http.Response first = http.post("/v1/budgets/openai/tokens/usage").key(ACME).header("Idempotency-Key", "call-7")
                .json(Map.of("amount", 40)).send();
        Http.Response again = http.post("/v1/budgets/openai/tokens/usage").key(ACME).header("Idempotency-Key", "call-7")
                .json(Map.of("amount", 40)).send();
        Http.Response other = http.post("/v1/budgets/openai/tokens/usage").key(ACME).header("Idempotency-Key", "call-7")
                .json(Map.of("amount", 41)).send();

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("replayed").asBoolean()).isFalse();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("replayed").asBoolean()).isTrue();
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().get("code").asText()).isEqualTo("ALREADY_EXISTS");
        assertThat(http.get("/v1/budgets/openai/tokens").key(ACME).send().json().get("usage").asDouble()).isEqualTo(40.0);
        assertThat(http.post("/v1/budgets/openai/tokens/usage").key(ACME).header("Idempotency-Key", "caf\u00e9 key")
                .json(Map.of("amount", 1)).send().status()).isEqualTo(400);
    }

    /**
     * For the tests that start the service as its own process: once it listens, it is ready, takes an
     * event and reads it back by id. Returns the client, keyed for tenant acme.
     */
    static Http readyAndRoundTripsAnEvent(ServiceProcess p, int port) {
        p.awaitStdout("listening", java.time.Duration.ofSeconds(60));
        Http http = new Http("http://127.0.0.1:" + port);
        String key = ConfigFiles.KEY + "acme";
        org.assertj.core.api.Assertions.assertThat(http.get("/readyz").send().status()).isEqualTo(200);
        var created = http.post("/v1/analytics/events").key(key).json(java.util.Map.of("app", "a", "platform", "web"))
                .send();
        org.assertj.core.api.Assertions.assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("analytics_id").asText();
        org.assertj.core.api.Assertions.assertThat(http.get("/v1/analytics/events/" + id).key(key).send().json()
                .get("app").asText()).isEqualTo("a");
        return http;
    }
}
