package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * A table of malformed requests per route: each gets its 4xx as a problem naming the field, and the
 * state is the same afterwards (events, contracts, budgets, objects and media counted before and
 * after).
 */
class BadInputTest extends ServiceHarness {
    private String before;

    static Arguments bad(String method, String path, String body, int status, String field) {
        return Arguments.of(method, path, body, status, field);
    }

    static Stream<Arguments> requests() {
        String big = "{\"app\":\"a\",\"platform\":\"web\",\"payload\":{\"x\":\"" + "y".repeat(70 * 1024) + "\"}}";
        return Stream.of(
                bad("POST", "/v1/analytics/events", "{not json", 400, "body"),
                bad("POST", "/v1/analytics/events", "", 400, "body"),
                bad("POST", "/v1/analytics/events", "[1,2]", 400, "body"),
                bad("POST", "/v1/analytics/events", "{\"platform\":\"web\"}", 400, "app"),
                bad("POST", "/v1/analytics/events", "{\"app\":\"a\",\"platform\":\"tv\"}", 400, "platform"),
                bad("POST", "/v1/analytics/events", "{\"app\":\"a\",\"platform\":\"web\",\"status\":\"gatechainerror\"}", 400, "status"),
                bad("POST", "/v1/analytics/events", "{\"app\":\"a\",\"platform\":\"web\",\"status\":\"maybe\"}", 400, "status"),
                bad("POST", "/v1/analytics/events", "{\"app\":42,\"platform\":\"web\"}", 400, "app"),
                bad("POST", "/v1/analytics/events", "{\"app\":\"a\",\"platform\":\"web\",\"timestamp\":\"yesterday\"}", 400, "timestamp"),
                bad("POST", "/v1/analytics/events", "{\"app\":\"a\",\"platform\":\"web\",\"timestamp\":\"2026-01-01T00:00:00\"}", 400, "timestamp"),
                bad("POST", "/v1/analytics/events", "{\"app\":\"a\",\"platform\":\"web\",\"sesion_id\":\"s\"}", 400, "sesion_id"),
                bad("POST", "/v1/analytics/events", "{\"app\":\"a\",\"platform\":\"web\",\"session_id\":\"a:b\"}", 400, "session_id"),
                bad("POST", "/v1/analytics/events", "{\"app\":\"a\",\"platform\":\"web\",\"payload\":[1]}", 400, "payload"),
                bad("POST", "/v1/analytics/events", "{\"app\":\"a\",\"platform\":\"web\",\"usage\":{\"provider\":\"openai\",\"metric\":\"tokens\",\"amount\":-5}}", 400, "usage.amount"),
                bad("POST", "/v1/analytics/events", "{\"app\":\"a\",\"platform\":\"web\",\"usage\":{\"provider\":\"openai\",\"metric\":\"tokens\",\"amount\":\"lots\"}}", 400, "usage.amount"),
                bad("POST", "/v1/analytics/events", big, 413, null),
                // bound by Jackson to the wire records: no coercion between JSON types, the path of the failing value named
                bad("POST", "/v1/analytics/events", "{\"app\":true,\"platform\":\"web\"}", 400, "app"),
                bad("POST", "/v1/analytics/events", "{\"app\":\"a\",\"platform\":\"web\",\"usage\":{\"provider\":\"openai\",\"metric\":\"tokens\",\"amount\":1,\"unit\":\"t\"}}", 400, "usage.unit"),
                bad("POST", "/v1/analytics/events", "{\"app\":\"a\",\"platform\":\"web\",\"usage\":{\"metric\":\"tokens\",\"amount\":1}}", 400, "usage.provider"),
                bad("POST", "/v1/analytics/events", "{\"app\":\"a\",\"platform\":\"web\",\"payload\":{\"a\":{\"\":1}}}", 400, "payload.a"),
                bad("POST", "/v1/analytics/events:batch", "{\"events\":[{\"app\":\"a\",\"platform\":\"web\"}],\"extra\":1}", 400, "extra"),
                bad("POST", "/v1/analytics/events:batch", "{\"events\":[{\"app\":\"a\",\"platform\":\"web\",\"project_id\":\"p1\"},{\"app\":\"a\",\"platform\":\"web\",\"project_id\":\"p2\"}]}", 400, "events[1].project_id"),
                bad("PUT", "/v1/budgets/openai/tokens", "{\"hard_limit\":\"5\"}", 400, "hard_limit"),
                bad("POST", "/v1/budgets/openai/tokens/usage", "{\"amount\":true}", 400, "amount"),
                bad("POST", "/v1/objects/presign", "{\"key\":\"a\",\"ttl_seconds\":1.5}", 400, "ttl_seconds"),
                bad("POST", "/v1/objects/presign", "{\"key\":\"a\",\"overwrite\":1}", 400, "overwrite"),
                bad("POST", "/v1/objects/presign", "{\"key\":\"a\",\"max_bytes\":\"10\"}", 400, "max_bytes"),
                bad("PUT", "/v1/attribution/contracts/reddit", "{\"utm_template\":{\"source\":5}}", 400, "utm_template.source"),
                bad("PUT", "/v1/attribution/contracts/reddit", "{\"utm_template\":{\"source\":\"r\"},\"allowed_fields\":[\"campaign\",\"colour\"]}", 400, "allowed_fields[1]"),
                bad("POST", "/v1/analytics/events:batch", "{\"events\":[]}", 400, "events"),
                bad("POST", "/v1/analytics/events:batch", "{\"events\":{}}", 400, "events"),
                bad("GET", "/v1/analytics/events?end=2026-01-02T00:00:00Z", null, 400, "start"),
                bad("GET", "/v1/analytics/events?start=2026-01-02T00:00:00Z&end=2026-01-01T00:00:00Z", null, 400, "end"),
                bad("GET", "/v1/analytics/events?start=2026-01-01T00:00:00Z&end=2026-01-02T00:00:00Z&limit=0", null, 400, "limit"),
                bad("GET", "/v1/analytics/events?start=2026-01-01T00:00:00Z&end=2026-01-02T00:00:00Z&limit=abc", null, 400, "limit"),
                bad("GET", "/v1/analytics/events?start=2026-01-01T00:00:00Z&end=2026-01-02T00:00:00Z&limit=1001", null, 400, "limit"),
                bad("GET", "/v1/analytics/events?start=2026-01-01T00:00:00Z&end=2026-01-02T00:00:00Z&cursor=garbage", null, 400, "cursor"),
                bad("GET", "/v1/analytics/events?start=2026-01-01T00:00:00Z&end=2026-01-02T00:00:00Z&platform=tv", null, 400, "platform"),
                bad("GET", "/v1/analytics/runs/run-1/events?cursor=%25%25", null, 400, "cursor"),
                bad("PUT", "/v1/attribution/contracts/reddit", "{\"allowed_fields\":[\"campaign\"]}", 400, "utm_template"),
                bad("PUT", "/v1/attribution/contracts/reddit", "{\"utm_template\":{\"medium\":\"x\"}}", 400, "utm_template"),
                bad("PUT", "/v1/attribution/contracts/reddit", "{\"utm_template\":{\"source\":\"r\",\"color\":\"red\"}}", 400, "utm_template.color"),
                bad("PUT", "/v1/attribution/contracts/reddit", "{\"utm_template\":{\"source\":\"r\"},\"allowed_fields\":\"campaign\"}", 400, "allowed_fields"),
                bad("PUT", "/v1/attribution/contracts/Bad%20Name", "{\"utm_template\":{\"source\":\"r\"}}", 400, "platform"),
                bad("POST", "/v1/attribution/contracts/google_ads/validate", "{\"utm_source\":7}", 400, "utm_source"),
                bad("PUT", "/v1/budgets/openai/tokens", "{\"soft_limit\":10,\"hard_limit\":5}", 400, "soft_limit"),
                bad("PUT", "/v1/budgets/openai/tokens", "{\"soft_limit\":-1}", 400, "soft_limit"),
                bad("PUT", "/v1/budgets/openai/tokens", "{\"hard_limit\":\"many\"}", 400, "hard_limit"),
                bad("POST", "/v1/budgets/openai/tokens/usage", "{}", 400, "amount"),
                bad("POST", "/v1/budgets/openai/tokens/usage", "{\"amount\":-1}", 400, "amount"),
                bad("POST", "/v1/budgets/openai/tokens/usage", "{\"amount\":1e400}", 400, "amount"),
                bad("POST", "/v1/budgets/Open%20AI/tokens/usage", "{\"amount\":1}", 400, "provider"),
                bad("POST", "/v1/media?user_id=u", "x", 400, "session_id"),
                bad("POST", "/v1/media?session_id=s&user_id=u", null, 400, "mime_type"),
                bad("GET", "/v1/analytics/events?start=2026-01-01T00:00:00Z&end=2026-01-02T00:00:00Z&app=%C3%28", null,
                        400, "query"),
                bad("GET", "/v1/analytics/events?start=2026-01-01T00:00:00Z&end=2026-01-02T00:00:00Z&status=gatechainerror",
                        null, 400, "status"),
                bad("GET", "/v1/objects?limit=1&limit=2", null, 400, "limit"),
                bad("GET", "/v1/budgets/openai?verbose=1", null, 400, "verbose"),
                bad("POST", "/v1/media?session_id=s&user_id=u&x=1", "x", 400, "x"),
                bad("GET", "/v1/sessions/s_1/media?limit=-3", null, 400, "limit"),
                bad("GET", "/v1/objects?prefix=../", null, 400, "prefix"),
                bad("GET", "/v1/objects?cursor=zz", null, 400, "cursor"),
                bad("POST", "/v1/objects/presign", "{\"key\":\"a\",\"ttl_seconds\":0}", 400, "ttl_seconds"),
                bad("POST", "/v1/objects/presign", "{\"key\":\"a\",\"ttl_seconds\":999999999}", 400, "ttl_seconds"),
                bad("POST", "/v1/objects/presign", "{\"key\":\"../a\"}", 400, "key"),
                bad("POST", "/v1/objects/presign", "{\"ttl_seconds\":60}", 400, "key"),
                bad("PUT", "/v1/objects/a/..%2fb", "x", 400, null),
                bad("PUT", "/v1/objects/a/%2e%2e/b", "x", 400, null),
                bad("PUT", "/v1/objects/%2e%2e/globex/x", "x", 400, null),
                bad("PUT", "/v1/objects/a%5c..%5cb", "x", 400, "key"),
                bad("PUT", "/v1/objects/nul%00byte", "x", 400, null),
                bad("PUT", "/v1/objects/x%2f%2e%2e%2f%2e%2e%2fglobex%2fx", "x", 400, null),
                bad("PUT", "/raw/put/..%2f..%2fetc%2fpasswd", "x", 400, null),
                bad("GET", "/raw/get/%2e%2e%2fsecret", null, 400, null),
                bad("PUT", "/v1/objects/ok.txt", null, 400, "sha256"));
    }

    @BeforeEach
    void snapshot() {
        before = state();
    }

    @AfterEach
    void stateIsUnchanged() {
        if (before != null) {
            assertThat(state()).isEqualTo(before);
        }
    }

    /** Everything a bad request could have changed, as one string. */
    private String state() {
        return http.get("/v1/analytics/events?start=1970-01-01T00:00:00Z&end=9999-01-01T00:00:00Z&limit=1000").key(ACME)
                .send().text()
                + http.get("/v1/attribution/contracts").key(ACME).send().text()
                + http.get("/v1/budgets/openai").key(ACME).send().text()
                + http.get("/raw/list").key(ACME).send().text()
                + http.get("/v1/sessions/s/media").key(ACME).send().text();
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @MethodSource("requests")
    void isRefusedWithAProblemAndChangesNothing(String method, String path, String body, int status, String field) {
        Http.Request r = http.method(method, path).key(ACME);
        if (path.equals("/v1/objects/ok.txt")) {
            r.header(("X-Content-SHA256"), "00".repeat(32)).bytes("not matching".getBytes(), "text/plain");
        } else if (body != null) {
            r.json(body);
        } else if (method.equals("POST") && path.startsWith("/v1/media")) {
            r.bytes(new byte[] {1}, "not a mime type");
        }
        Http.Response res = r.send();

        assertThat(res.status()).as(res.text()).isEqualTo(status);
        if (field != null) {
            JsonNode problem = res.json();
            assertThat(res.header("Content-Type")).startsWith("application/problem+json");
            assertThat(problem.get("field").asText()).isEqualTo(field);
            assertThat(problem.get("status").asInt()).isEqualTo(status);
            assertThat(problem.get("detail").asText()).isNotBlank();
        }
    }

    @Test
    void aBatchReportsEachBadEventAndStoresTheGoodOnes() {
        before = null;
        JsonNode results = http.post("/v1/analytics/events:batch").key(ACME).json("{\"events\":[{\"app\":\"a\",\"platform\":"
                + "\"web\",\"timestamp\":\"2026-01-01T00:00:00Z\"},{\"app\":\"a\"},{\"app\":\"a\",\"platform\":\"web\","
                + "\"timestamp\":\"nope\"}]}").send().json().get("results");

        assertThat(results.get(0).get("status").asText()).isEqualTo("success");
        assertThat(results.get(0).get("state").asText()).isEqualTo("stored");
        assertThat(results.get(0).get("http_status").asInt()).isEqualTo(201);
        assertThat(results.get(1).get("state").asText()).isEqualTo("rejected");
        assertThat(results.get(1).get("http_status").asInt()).isEqualTo(400);
        assertThat(results.get(1).has("status")).as("a rejected item has no event status").isFalse();
        assertThat(results.get(1).get("field").asText()).isEqualTo("events[1].platform");
        assertThat(results.get(2).get("field").asText()).isEqualTo("events[2].timestamp");
        assertThat(http.get("/v1/analytics/events?start=2026-01-01T00:00:00Z&end=2026-01-02T00:00:00Z").key(ACME).send()
                .json().get("items")).hasSize(1);
    }

    @Test
    void unknownRoutesAndMethodsAreProblemsToo() {
        Http.Response missing = http.get("/v1/nothing-here").key(ACME).send();
        Http.Response method = http.delete("/v1/analytics/events").key(ACME).send();

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("type").asText()).isEqualTo("urn:northstar:problem:not-found");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.json().get("type").asText()).isEqualTo("urn:northstar:problem:method-not-allowed");
        // every problem carries its code
        assertThat(missing.json().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(method.json().get("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void anEventWithoutItsOwnRequestIdTakesTheRequestsAndARetryIsStillAReplay() {
        before = null;
        String body = "{\"analytics_id\":\"rid-1\",\"app\":\"a\",\"platform\":\"web\",\"timestamp\":"
                + "\"2026-01-01T00:00:00Z\"}";
        Http.Response first = http.post("/v1/analytics/events").key(ACME).header("X-Request-Id", "req-from-header-1")
                .json(body).send();
        Http.Response retry = http.post("/v1/analytics/events").key(ACME).header("X-Request-Id", "req-from-header-2")
                .json(body).send();
        http.post("/v1/analytics/events").key(ACME).header("X-Request-Id", "req-from-header-3")
                .json("{\"analytics_id\":\"rid-2\",\"app\":\"a\",\"platform\":\"web\",\"request_id\":\"own\"}").send();

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).as("a retry is another request, and still the same event").isEqualTo(200);
        assertThat(retry.json().get("replayed").asBoolean()).isTrue();
        assertThat(http.get("/v1/analytics/events/rid-1").key(ACME).send().json().get("request_id").asText())
                .isEqualTo("req-from-header-1");
        assertThat(http.get("/v1/analytics/events/rid-2").key(ACME).send().json().get("request_id").asText())
                .isEqualTo("own");
    }

    /** A query no URI class would build: sent as raw bytes, answered 400 naming the query, not a 200 that dropped it. */
    @Test
    void aQueryStringThatCannotBeDecodedIsA400() throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", service.port())) {
            s.getOutputStream().write(("GET /v1/analytics/events?start=2026-01-01T00:00:00Z&end=2026-01-02T00:00:00Z"
                    + "&cursor=%%%garbage HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ACME
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json")
                    .contains("\"field\":\"query\"");
        }
    }

    /** A path the server cannot decode is refused before any route: still a problem, never the server's HTML page. */
    @Test
    void aPathThatCannotBeDecodedIsAProblemToo() throws Exception {
        for (String path : new String[] {"/v1/objects/%ZZ", "/v1/objects/a%"}) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", service.port())) {
                s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ACME
                        + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(answer).as(path).startsWith("HTTP/1.1 400").contains("application/problem+json")
                        .contains("\"status\":400").doesNotContain("<html");
            }
        }
    }

    /** HttpURLConnection writes the whole body before it reads: it must still read the 413, not a reset. */
    @Test
    void aClientThatWritesItsWholeBodyFirstReadsThe413() {
        byte[] big = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        Http.Response declared = http.post("/v1/analytics/events").key(ACME).bytes(big, "application/json").send();
        Http.Response chunked = http.post("/v1/analytics/events").key(ACME)
                .stream(new java.io.ByteArrayInputStream(big), -1, "application/json").send();

        for (Http.Response r : List.of(declared, chunked)) {
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asText()).contains("larger than");
        }
    }

}
