package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every /v1 and /raw route needs a key; the key decides the tenant; another tenant's ids answer 404. */
class AuthAndIsolationTest extends ServiceHarness {

    @Test
    void everyProtectedRouteRefusesAMissingOrWrongKey() {
        List<String> protectedRoutes = service.servedRoutes().stream()
                .filter(r -> r.contains(" /v1/") || r.contains(" /raw/")).toList();
        assertThat(protectedRoutes).hasSizeGreaterThan(20);

        for (String route : protectedRoutes) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replaceAll("[<{][a-z_]+[>}]", "x");
            Http.Response none = http.method(method, path).send();
            Http.Response wrong = http.method(method, path).key("not-a-key-of-this-service").send();
            Http.Response malformed = http.method(method, path).header("Authorization", "Basic YWRtaW46YWRtaW4=").send();
            for (Http.Response r : List.of(none, wrong, malformed)) {
                assertThat(r.status()).as(route).isEqualTo(401);
                if (!method.equals("HEAD")) {
                    assertThat(r.json().get("type").asText()).isEqualTo("urn:northstar:problem:unauthenticated");
                    assertThat(r.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");
                }
            }
        }
    }

    @Test
    void openRoutesNeedNoKey() {
        assertThat(http.get("/healthz").send().status()).isEqualTo(200);
        assertThat(http.get("/readyz").send().status()).isEqualTo(200);
        assertThat(http.get("/openapi.json").send().status()).isEqualTo(200);
    }

    @Test
    void routesAreShownToAdminKeysOnlyWithSecretsRedacted() {
        Http.Response plain = http.get("/v1/routes").key(ACME).send();
        Http.Response admin = http.get("/v1/routes").key(ACME_ADMIN).send();

        assertThat(plain.status()).isEqualTo(403);
        assertThat(admin.status()).isEqualTo(200);
        JsonNode objects = null;
        for (JsonNode r : admin.json().get("routes")) {
            if (r.get("resource_kind").asText().equals("object_store")) {
                objects = r;
            }
        }
        assertThat(objects).isNotNull();
        assertThat(objects.get("config").get("presign_secret").asText()).isEqualTo("***");
        assertThat(admin.text()).doesNotContain(ACME_ADMIN).doesNotContain(ACME);
    }

    @Test
    void anotherTenantsEventsAreInvisible() {
        http.post("/v1/analytics/events").key(ACME).json(Map.of("analytics_id", "secret-evt", "app", "a",
                "platform", "web", "run_id", "run-a", "step_id", "s1", "timestamp", "2026-03-01T10:00:00Z")).send();

        assertThat(http.get("/v1/analytics/events/secret-evt").key(GLOBEX).send().status()).isEqualTo(404);
        assertThat(http.get("/v1/analytics/events?start=2026-03-01T00:00:00Z&end=2026-03-02T00:00:00Z").key(GLOBEX)
                .send().json().get("items")).isEmpty();
        assertThat(http.get("/v1/analytics/runs/run-a/events").key(GLOBEX).send().json().get("items")).isEmpty();
        assertThat(http.get("/v1/analytics/events/secret-evt").key(ACME).send().status()).isEqualTo(200);
    }

    @Test
    void anotherTenantsContractsAndBudgetsAreTheirsAlone() {
        http.put("/v1/attribution/contracts/reddit").key(ACME).json(Map.of("utm_template", Map.of("source", "reddit")))
                .send();
        http.post("/v1/budgets/openai/tokens/usage").key(ACME).json(Map.of("amount", 42)).send();

        assertThat(http.get("/v1/attribution/contracts/reddit").key(GLOBEX).send().status()).isEqualTo(404);
        assertThat(http.get("/v1/attribution/contracts").key(GLOBEX).send().text()).doesNotContain("reddit");
        assertThat(http.get("/v1/budgets/openai/tokens").key(GLOBEX).send().status()).isEqualTo(404);
        assertThat(http.get("/v1/budgets/openai").key(GLOBEX).send().json().get("items")).isEmpty();
        http.post("/v1/budgets/openai/tokens/usage").key(GLOBEX).json(Map.of("amount", 1)).send();
        assertThat(http.get("/v1/budgets/openai/tokens").key(ACME).send().json().get("usage").asDouble()).isEqualTo(42.0);
    }

    @Test
    void anotherTenantsMediaCanBeNeitherReadNorListedNorDeleted() {
        String id = http.post("/v1/media?session_id=s_1&user_id=u_1").key(ACME).bytes(new byte[] {1, 2}, "image/png")
                .send().json().get("media_id").asText();

        assertThat(http.get("/v1/media/" + id).key(GLOBEX).send().status()).isEqualTo(404);
        assertThat(http.get("/v1/media/" + id + "/metadata").key(GLOBEX).send().status()).isEqualTo(404);
        assertThat(http.get("/v1/sessions/s_1/media").key(GLOBEX).send().json().get("items")).isEmpty();
        assertThat(http.delete("/v1/media/" + id).key(GLOBEX).send().status()).isEqualTo(404);
        assertThat(http.get("/v1/media/" + id).key(ACME).send().body()).containsExactly(1, 2);
    }

    @Test
    void anotherTenantsObjectsCanBeNeitherReadNorListedNorDeletedNorOverwritten() {
        http.put("/v1/objects/shared/name.txt").key(ACME).bytes("acme's".getBytes(), "text/plain").send();

        assertThat(http.get("/v1/objects/shared/name.txt").key(GLOBEX).send().status()).isEqualTo(404);
        assertThat(http.head("/v1/objects/shared/name.txt").key(GLOBEX).send().status()).isEqualTo(404);
        assertThat(http.get("/raw/get/shared/name.txt").key(GLOBEX).send().status()).isEqualTo(404);
        assertThat(http.get("/v1/objects").key(GLOBEX).send().json().get("items")).isEmpty();
        assertThat(http.get("/raw/list").key(GLOBEX).send().json().get("objects")).isEmpty();
        http.delete("/v1/objects/shared/name.txt").key(GLOBEX).send();
        http.put("/v1/objects/shared/name.txt").key(GLOBEX).bytes("globex's".getBytes(), "text/plain").send();

        assertThat(http.get("/v1/objects/shared/name.txt").key(ACME).send().text()).isEqualTo("acme's");
        assertThat(http.get("/v1/objects/shared/name.txt").key(GLOBEX).send().text()).isEqualTo("globex's");
    }

    @Test
    void keysOfTheMediaServiceCannotBeWrittenDeletedOrPresignedThroughTheObjectsApi() {
        Http.Response stored = http.post("/v1/media?session_id=s_keep&user_id=u_1").key(ACME)
                .bytes("the real picture".getBytes(), "image/png").send();
        assertThat(stored.status()).as(stored.text()).isEqualTo(201);
        String id = stored.json().get("media_id").asText();
        String key = "media/" + id;

        Http.Response[] refused = {
                http.put("/v1/objects/" + key).key(ACME).bytes("forged".getBytes(), "image/png").send(),
                http.put("/raw/put/" + key).key(ACME).bytes("forged".getBytes(), "image/png").send(),
                http.delete("/v1/objects/" + key).key(ACME).send(),
                http.post("/v1/objects/presign").key(ACME).json(Map.of("key", key, "content_type", "image/png")).send()};
        for (Http.Response r : refused) {
            assertThat(r.status()).as(r.text()).isEqualTo(403);
            assertThat(r.json().get("detail").asText()).contains("media service");
        }
        assertThat(http.get("/v1/media/" + id).key(ACME).send().text()).isEqualTo("the real picture");
        assertThat(http.get("/v1/objects/" + key).key(ACME).send().text()).as("reading stays open")
                .isEqualTo("the real picture");
    }

    @Test
    void aPresignedUrlOfOneTenantCannotBeBentIntoAnother() {
        String url = http.post("/v1/objects/presign").key(ACME).json(Map.of("key", "in.bin", "content_type",
                "application/octet-stream")).send().json().get("url").asText();

        Http.Response bent = http.put(url.replace("/tenants/acme/", "/tenants/globex/"))
                .bytes(new byte[] {1}, "application/octet-stream").send();

        assertThat(bent.status()).isEqualTo(403);
        assertThat(http.get("/v1/objects/in.bin").key(GLOBEX).send().status()).isEqualTo(404);
    }

    @Test
    void aPresignedUrlIsRefusedOnceItHasExpired() throws InterruptedException {
        String url = http.post("/v1/objects/presign").key(ACME).json(Map.of("key", "late.bin", "ttl_seconds", 1,
                "content_type", "application/octet-stream")).send().json().get("url").asText();

        Thread.sleep(2200);

        assertThat(http.put(url).bytes(new byte[] {1}, "application/octet-stream").send().status()).isEqualTo(403);
        assertThat(http.get("/v1/objects/late.bin").key(ACME).send().status()).isEqualTo(404);
    }

    @Test
    void readinessNamesTheBackendThatDoesNotAnswer() throws java.io.IOException {
        assertThat(http.get("/readyz").send().status()).isEqualTo(200);
        try (var files = java.nio.file.Files.walk(data.resolve("objects"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        Http.Response notReady = http.get("/readyz").send();

        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.json().get("detail").asText()).contains("object_store route (backend_type filesystem)");
        assertThat(http.get("/healthz").send().status()).isEqualTo(200);
    }
}
