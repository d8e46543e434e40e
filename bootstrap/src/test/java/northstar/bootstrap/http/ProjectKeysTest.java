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

    @TempDir
    Path dir;
    Service service;
    Http http;

    @BeforeEach
    void start() {
        int port = ServiceHarness.freePort();
        String tenant = "{\"tenant_id\": \"acme\", \"mode\": \"lab\", \"api_keys\": ["
                + "{\"name\": \"agent\", \"sha256\": \"" + Secrets.sha256Hex(SCOPED) + "\", \"projects\": [\"p1\", \"p2\"]},"
                + "{\"name\": \"ops\", \"sha256\": \"" + Secrets.sha256Hex(OPS) + "\", \"admin\": true}]}";
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
}
