package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * /openapi.json describes exactly the routes the server serves, none missing, none extra; every
 * operation has an example; every example holds the required fields of its schema; and the live
 * answers of the service hold every field their schema says is required.
 */
class OpenApiTest extends ServiceHarness {
    /**
     * The check every HTTP scenario runs on its answers catches drift: a real answer passes; the same
     * answer with a field renamed, added, of another type, or under a status the document does not
     * list, fails.
     */
    @Test
    void theScenariosConformanceCheckCatchesAFieldThatDrifts() throws Exception {
        OpenApiConformance check = new OpenApiConformance(http.get("/openapi.json").send().json());
        Http.Response real = http.post("/v1/analytics/events").key(ACME)
                .json(java.util.Map.of("app", "a", "platform", "web")).send();
        check.seen("POST", "/v1/analytics/events", real);
        assertThat(check.bodiesChecked.get()).isEqualTo(1);

        com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode) real.json();
        var renamed = body.deepCopy();
        renamed.set("analyticsId", renamed.remove("analytics_id"));
        var added = body.deepCopy().put("tenant", "acme");
        var retyped = body.deepCopy().put("replayed", "no");
        for (var drifted : java.util.List.of(renamed, added, retyped)) {
            Http.Response r = new Http.Response(real.status(), real.headers(), Http.JSON.writeValueAsBytes(drifted));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> check.seen("POST", "/v1/analytics/events", r))
                    .as(drifted.toString()).isInstanceOf(AssertionError.class).hasMessageContaining("does not match");
        }
        Http.Response unlisted = new Http.Response(418, real.headers(), real.body());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> check.seen("POST", "/v1/analytics/events", unlisted))
                .isInstanceOf(AssertionError.class).hasMessageContaining("does not list");
    }

    @Test
    void theDocumentAndTheServedRoutesAreTheSameSet() {
        var res = http.get("/openapi.json").send();
        assertThat(res.status()).isEqualTo(200);
        JsonNode doc = res.json();
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");

        Set<String> documented = new TreeSet<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(
                op -> documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
        Set<String> served = new TreeSet<>();
        for (String route : service.servedRoutes()) {
            served.add(route.replaceAll("[<{]([a-z_]+)[>}]", "{$1}"));
        }

        assertThat(served).isNotEmpty();
        assertThat(documented).as("documented but not served").isSubsetOf(served);
        assertThat(served).as("served but not documented").isSubsetOf(documented);
    }

    @Test
    void everyReferencedSchemaIsDefined() {
        JsonNode doc = http.get("/openapi.json").send().json();
        Set<String> refs = new TreeSet<>();
        collectRefs(doc, refs);
        Set<String> defined = new TreeSet<>();
        doc.get("components").get("schemas").fieldNames().forEachRemaining(n -> defined.add("#/components/schemas/" + n));

        assertThat(refs).isNotEmpty().isSubsetOf(defined);
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }

    @Test
    void everyOperationHasAnExampleAndEveryExampleHoldsItsSchemasRequiredFields() {
        JsonNode doc = http.get("/openapi.json").send().json();
        int checked = 0;
        for (var path : (Iterable<java.util.Map.Entry<String, JsonNode>>) doc.get("paths").properties()::iterator) {
            for (var op : (Iterable<java.util.Map.Entry<String, JsonNode>>) path.getValue().properties()::iterator) {
                String name = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                assertThat(op.getValue().toString()).as("an example for %s", name).contains("\"example\"");
                java.util.List<JsonNode> contents = new java.util.ArrayList<>();
                op.getValue().path("requestBody").path("content").forEach(contents::add);
                op.getValue().path("responses").forEach(r -> r.path("content").forEach(contents::add));
                for (JsonNode content : contents) {
                    if (content.has("example") && content.get("example").isObject()) {
                        assertHolds(doc, content.get("schema"), content.get("example"), name + " example");
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(60);
    }

    @Test
    void liveAnswersHoldEveryFieldTheirSchemaRequires() {
        JsonNode doc = http.get("/openapi.json").send().json();
        var ingest = http.post("/v1/analytics/events").key(ACME).json(java.util.Map.of("analytics_id", "oa-1", "app",
                "agent_builder", "platform", "web", "run_id", "run-oa", "step_id", "step_1")).send();
        live(doc, "POST", "/v1/analytics/events", ingest);
        live(doc, "POST", "/v1/analytics/events:batch", http.post("/v1/analytics/events:batch").key(ACME)
                .json(java.util.Map.of("events", java.util.List.of(java.util.Map.of("app", "a", "platform", "api")))).send());
        live(doc, "GET", "/v1/analytics/events/{analytics_id}", http.get("/v1/analytics/events/oa-1").key(ACME).send());
        live(doc, "GET", "/v1/analytics/events", http.get("/v1/analytics/events?start=2000-01-01T00:00:00Z&end="
                + java.time.Instant.now().plusSeconds(60)).key(ACME).send());
        live(doc, "GET", "/v1/analytics/runs/{run_id}/events", http.get("/v1/analytics/runs/run-oa/events").key(ACME)
                .send());
        live(doc, "PUT", "/v1/budgets/{provider}/{metric}", http.put("/v1/budgets/openai/tokens").key(ACME_ADMIN)
                .json(java.util.Map.of("soft_limit", 10, "hard_limit", 100)).send());
        live(doc, "POST", "/v1/budgets/{provider}/{metric}/usage", http.post("/v1/budgets/openai/tokens/usage").key(ACME)
                .json(java.util.Map.of("amount", 5)).send());
        live(doc, "GET", "/v1/budgets/{provider}", http.get("/v1/budgets/openai").key(ACME).send());
        var reservation = http.post("/v1/budgets/openai/tokens/reservations").key(ACME)
                .json(java.util.Map.of("amount", 5, "ttl_seconds", 60)).send();
        live(doc, "POST", "/v1/budgets/{provider}/{metric}/reservations", reservation);
        String reservationId = reservation.json().get("reservation_id").asText();
        live(doc, "POST", "/v1/budgets/{provider}/{metric}/reservations/{id}/commit",
                http.post("/v1/budgets/openai/tokens/reservations/" + reservationId + "/commit").key(ACME)
                        .json(java.util.Map.of("amount", 4)).send());
        var second = http.post("/v1/budgets/openai/tokens/reservations").key(ACME)
                .json(java.util.Map.of("amount", 5, "ttl_seconds", 60, "run_id", "run-oa")).send();
        live(doc, "DELETE", "/v1/budgets/{provider}/{metric}/reservations/{id}",
                http.delete("/v1/budgets/openai/tokens/reservations/" + second.json().get("reservation_id").asText())
                        .key(ACME).send());
        live(doc, "GET", "/v1/budgets/{provider}/{metric}/check", http.get("/v1/budgets/openai/tokens/check?amount=3")
                .key(ACME).send());
        live(doc, "GET", "/v1/attribution/contracts", http.get("/v1/attribution/contracts").key(ACME).send());
        live(doc, "GET", "/v1/attribution/contracts/{platform}", http.get("/v1/attribution/contracts/google_ads").key(ACME)
                .send());
        var media = http.post("/v1/media?session_id=s_oa&user_id=u_1").key(ACME).bytes(new byte[] {1, 2}, "image/png")
                .send();
        live(doc, "POST", "/v1/media", media);
        live(doc, "GET", "/v1/media/{media_id}/metadata", http.get("/v1/media/" + media.json().get("media_id").asText()
                + "/metadata").key(ACME).send());
        live(doc, "GET", "/v1/sessions/{session_id}/media", http.get("/v1/sessions/s_oa/media").key(ACME).send());
        live(doc, "PUT", "/v1/objects/{key}", http.put("/v1/objects/oa/a.txt").key(ACME).bytes("hi".getBytes(),
                "text/plain").send());
        live(doc, "GET", "/v1/objects", http.get("/v1/objects?prefix=oa/").key(ACME).send());
        live(doc, "POST", "/v1/objects/presign", http.post("/v1/objects/presign").key(ACME)
                .json(java.util.Map.of("key", "oa/b.bin")).send());
        live(doc, "GET", "/v1/whoami", http.get("/v1/whoami").key(ACME).send());
        live(doc, "GET", "/v1/analytics/events/{analytics_id}", http.get("/v1/analytics/events/none").key(ACME).send());
        live(doc, "GET", "/v1/whoami", http.get("/v1/whoami").send());
    }

    /** The answer's status is documented for the operation, and its body holds what that status's schema requires. */
    private static void live(JsonNode doc, String method, String path, Http.Response response) {
        JsonNode responses = doc.get("paths").get(path).get(method.toLowerCase(Locale.ROOT)).get("responses");
        String status = String.valueOf(response.status());
        assertThat(responses.has(status)).as("%s %s answered %s: %s", method, path, status, response.text()).isTrue();
        JsonNode content = responses.get(status).path("content");
        JsonNode schema = content.path("application/json").path("schema");
        if (schema.isMissingNode()) {
            schema = content.path("application/problem+json").path("schema");
        }
        assertHolds(doc, schema, response.json(), method + " " + path + " " + status);
    }

    /** The required fields of the schema (and of its array items' schemas) are present and not null. */
    private static void assertHolds(JsonNode doc, JsonNode schema, JsonNode value, String what) {
        JsonNode s = resolve(doc, schema);
        if (s == null || value == null || value.isNull()) {
            return;
        }
        for (JsonNode field : s.path("required")) {
            assertThat(value.has(field.asText()) && !value.get(field.asText()).isNull())
                    .as("%s holds %s: %s", what, field.asText(), value).isTrue();
        }
        s.path("properties").properties().forEach(p -> {
            JsonNode v = value.get(p.getKey());
            JsonNode ps = resolve(doc, p.getValue());
            if (v == null || v.isNull() || ps == null) {
                return;
            }
            if (ps.has("enum") && v.isValueNode()) {
                java.util.List<String> allowed = new java.util.ArrayList<>();
                ps.get("enum").forEach(e -> allowed.add(e.asText()));
                assertThat(allowed).as("%s.%s", what, p.getKey()).contains(v.asText());
            }
            if (ps.has("items") && v.isArray()) {
                v.forEach(item -> assertHolds(doc, ps.get("items"), item, what + "." + p.getKey() + "[]"));
            }
            if (v.isObject()) {
                assertHolds(doc, ps, v, what + "." + p.getKey());
            }
        });
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return null;
        }
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().substring("#/components/schemas/".length());
            return doc.get("components").get("schemas").get(name);
        }
        return schema;
    }
}
