package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import northstar.bootstrap.Service;
import northstar.bootstrap.config.ConfigFile;
import northstar.bootstrap.config.Secrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key that lists its projects acts in those only: a budget's hard limit cannot be escaped by
 * naming another project in X-Project-Id or in the event body. A key without a list acts in any
 * project of its tenant (a project is a boundary only where keys list them).
 */
class ProjectKeysTest {
    static final String SCOPED = "scoped-key-0123456789abcdef";
    static final String OPS = "ops-key-0123456789abcdef";
    static final String AGENT = "agent-key-0123456789abcdef";
    static final String LISTED_ADMIN = "listed-admin-key-0123456789abcdef";

    @TempDir
    Path dir;
    Service service;
    Http http;

    @BeforeEach
    void start() {
        int port = ServiceHarness.freePort();
        String tenant = "{\"tenant_id\": \"acme\", \"mode\": \"lab\", \"api_keys\": ["
                + "{\"name\": \"agent\", \"sha256\": \"" + Secrets.sha256Hex(SCOPED) + "\", \"projects\": [\"p1\", \"p2\"]},"
                + "{\"name\": \"ops\", \"sha256\": \"" + Secrets.sha256Hex(OPS) + "\", \"admin\": true},"
                + "{\"name\": \"any\", \"sha256\": \"" + Secrets.sha256Hex(AGENT) + "\"},"
                + "{\"name\": \"listed-ops\", \"sha256\": \"" + Secrets.sha256Hex(LISTED_ADMIN)
                + "\", \"admin\": true, \"projects\": [\"p1\"]}]}";
        Path config = ConfigFiles.write(dir, port, tenant, ConfigFiles.LAB_ROUTES);
        service = Service.start(ConfigFile.read(config));
        http = new Http("http://127.0.0.1:" + service.port());
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void aKeyThatListsItsProjectsCannotEscapeABudgetByNamingAnother() {
        assertThat(http.get("/v1/whoami").key(SCOPED).send().json().get("project_id").asText())
                .as("the tenant's default project is not listed: the key's first is its default").isEqualTo("p1");
        http.put("/v1/budgets/openai/tokens").key(OPS).header("X-Project-Id", "p1").json(Map.of("hard_limit", 10)).send();

        Http.Response used = http.post("/v1/budgets/openai/tokens/usage").key(SCOPED).json(Map.of("amount", 10)).send();
        Http.Response over = http.post("/v1/budgets/openai/tokens/usage").key(SCOPED).json(Map.of("amount", 1)).send();
        Http.Response escape = http.post("/v1/budgets/openai/tokens/usage").key(SCOPED).header("X-Project-Id", "p3")
                .json(Map.of("amount", 1)).send();
        Http.Response viaBody = http.post("/v1/analytics/events").key(SCOPED).json(Map.of("app", "a", "platform", "web",
                "project_id", "p3", "usage", Map.of("provider", "openai", "metric", "tokens", "amount", 1))).send();

        assertThat(used.status()).as(used.text()).isEqualTo(200);
        assertThat(over.status()).isEqualTo(429);
        assertThat(escape.status()).as(escape.text()).isEqualTo(403);
        assertThat(escape.json().get("detail").asText()).contains("p1, p2");
        assertThat(viaBody.status()).as(viaBody.text()).isEqualTo(403);
        assertThat(http.get("/v1/budgets/openai/tokens").key(SCOPED).header("X-Project-Id", "p2").send().status())
                .as("a listed project").isIn(200, 404);
        assertThat(http.get("/v1/budgets/openai/tokens").key(OPS).header("X-Project-Id", "p3").send().status())
                .as("a key without a list acts in any project of its tenant").isIn(200, 404);
    }

    private java.util.List<String> ids(Http.Response page) {
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        java.util.List<String> out = new java.util.ArrayList<>();
        page.json().get("items").forEach(i -> out.add(i.has("analytics_id") ? i.get("analytics_id").asText()
                : i.get("media_id").asText()));
        return out;
    }

    /**
     * Projects are part of the scope of every read: one project's caller never reads another's events,
     * runs or media, even in the same tenant under the same run and session ids; an admin key reads all
     * projects only when it asks (project=*), and no other key can.
     */
    @Test
    void everyReadOfEventsAndMediaIsScopedByTheCallersProject() {
        java.time.Instant t = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String range = "/v1/analytics/events?start=" + t.minusSeconds(60) + "&end=" + t.plusSeconds(60);
        java.util.Map<String, String> mediaOf = new java.util.HashMap<>();
        for (String project : java.util.List.of("p1", "p2")) {
            for (int i = 0; i < 2; i++) {
                Http.Response r = http.post("/v1/analytics/events").key(AGENT).header("X-Project-Id", project)
                        .json(Map.of("analytics_id", project + "-e" + i, "app", "agent", "platform", "web",
                                "run_id", "run-1", "step_id", "step_" + i, "timestamp", t.plusSeconds(i).toString()))
                        .send();
                assertThat(r.status()).as(r.text()).isEqualTo(201);
            }
            Http.Response m = http.post("/v1/media?session_id=s_1&user_id=u_1").key(AGENT).header("X-Project-Id", project)
                    .bytes(project.getBytes(), "text/plain").send();
            assertThat(m.status()).as(m.text()).isEqualTo(201);
            assertThat(m.json().get("project_id").asText()).isEqualTo(project);
            mediaOf.put(project, m.json().get("media_id").asText());
        }

        for (String project : java.util.List.of("p1", "p2")) {
            String other = project.equals("p1") ? "p2" : "p1";
            assertThat(ids(http.get(range).key(AGENT).header("X-Project-Id", project).send()))
                    .containsExactly(project + "-e0", project + "-e1");
            assertThat(ids(http.get("/v1/analytics/runs/run-1/events").key(AGENT).header("X-Project-Id", project).send()))
                    .containsExactly(project + "-e0", project + "-e1");
            assertThat(ids(http.get("/v1/sessions/s_1/media").key(AGENT).header("X-Project-Id", project).send()))
                    .containsExactly(mediaOf.get(project));
            assertThat(http.get("/v1/analytics/events/" + project + "-e0").key(AGENT).header("X-Project-Id", project)
                    .send().status()).isEqualTo(200);
            // another project's event and media do not exist for this caller
            assertThat(http.get("/v1/analytics/events/" + other + "-e0").key(AGENT).header("X-Project-Id", project)
                    .send().status()).isEqualTo(404);
            for (String path : java.util.List.of("/v1/media/" + mediaOf.get(other), "/v1/media/" + mediaOf.get(other)
                    + "/metadata")) {
                assertThat(http.get(path).key(AGENT).header("X-Project-Id", project).send().status()).as(path)
                        .isEqualTo(404);
            }
            assertThat(http.delete("/v1/media/" + mediaOf.get(other)).key(AGENT).header("X-Project-Id", project).send()
                    .status()).as("nor can it delete it").isEqualTo(404);
        }
        assertThat(http.get("/v1/media/" + mediaOf.get("p2")).key(AGENT).header("X-Project-Id", "p2").send().text())
                .as("still there").isEqualTo("p2");

        // all projects: an admin key that lists none, asking explicitly
        assertThat(ids(http.get(range + "&project=*").key(OPS).send()))
                .containsExactly("p1-e0", "p2-e0", "p1-e1", "p2-e1");
        assertThat(ids(http.get("/v1/analytics/runs/run-1/events?project=*").key(OPS).send()))
                .containsExactlyInAnyOrder("p1-e0", "p2-e0", "p1-e1", "p2-e1");
        assertThat(ids(http.get("/v1/sessions/s_1/media?project=*").key(OPS).send()))
                .containsExactlyInAnyOrder(mediaOf.get("p1"), mediaOf.get("p2"));
        assertThat(http.get("/v1/analytics/events/p2-e1?project=*").key(OPS).send().status()).isEqualTo(200);
        assertThat(http.get("/v1/media/" + mediaOf.get("p2") + "/metadata?project=*").key(OPS).send().status())
                .isEqualTo(200);
        assertThat(ids(http.get(range).key(OPS).send())).as("without asking, an admin reads its own project")
                .isEmpty();

        // nobody else may ask
        for (String key : java.util.List.of(AGENT, SCOPED, LISTED_ADMIN)) {
            Http.Response refused = http.get(range + "&project=*").key(key).send();
            assertThat(refused.status()).as(refused.text()).isEqualTo(403);
            assertThat(refused.json().get("code").asText()).isEqualTo("PERMISSION_DENIED");
        }
        Http.Response named = http.get(range + "&project=p2").key(OPS).send();
        assertThat(named.status()).as(named.text()).isEqualTo(400);
        assertThat(named.json().get("detail").asText()).contains("X-Project-Id");
    }
}
