package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import northstar.bootstrap.Service;
import northstar.bootstrap.config.ConfigException;
import northstar.bootstrap.config.ConfigFile;
import northstar.bootstrap.config.Secrets;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source no contract fixes: stored unvalidated by default, refused for a tenant that opted into
 * strict attribution in the config file ({@code "attribution": {"unknown_source": "reject"}}).
 */
class StrictAttributionTest {
    @TempDir
    Path dir;

    static String tenant(String id, String attribution) {
        return "{\"tenant_id\": \"" + id + "\", \"mode\": \"lab\", " + attribution + "\"api_keys\": [{\"name\": \"k\", "
                + "\"sha256\": \"" + Secrets.sha256Hex(ConfigFiles.KEY + id) + "\"}]}";
    }

    @Test
    void aStrictTenantRefusesAnUnknownSourceAndAnotherStoresItUnvalidated() {
        int port = ServiceHarness.freePort();
        Path config = ConfigFiles.write(dir, port, tenant("strict", "\"attribution\": {\"unknown_source\": \"reject\"}, ")
                + ", " + tenant("open", ""), ConfigFiles.LAB_ROUTES);
        try (Service service = Service.start(ConfigFile.read(config))) {
            Http http = new Http("http://127.0.0.1:" + service.port());
            Map<String, Object> event = Map.of("analytics_id", "nl-1", "app", "agent", "platform", "web",
                    "utm_source", "newsletter", "utm_medium", "email");
            Map<String, Object> google = Map.of("analytics_id", "g-1", "app", "agent", "platform", "web",
                    "utm_source", "google", "utm_medium", "cpc", "utm_campaign", "spring");

            Http.Response open = http.post("/v1/analytics/events").key(ConfigFiles.KEY + "open").json(event).send();
            Http.Response strict = http.post("/v1/analytics/events").key(ConfigFiles.KEY + "strict").json(event).send();
            Http.Response validated = http.post("/v1/analytics/events").key(ConfigFiles.KEY + "open").json(google).send();

            assertThat(open.status()).as(open.text()).isEqualTo(201);
            assertThat(open.json().get("status").asText()).isEqualTo("success");
            assertThat(open.json().get("validated_by").isNull()).isTrue();
            assertThat(validated.json().get("validated_by").asText()).isEqualTo("google_ads");
            assertThat(strict.status()).as(strict.text()).isEqualTo(422);
            assertThat(http.get("/v1/analytics/events/nl-1").key(ConfigFiles.KEY + "strict").send().json().get("status")
                    .asText()).as("refused, and stored all the same").isEqualTo("gatechainerror");
        }
    }

    @Test
    void aMisspeltPolicyStopsStartupNamingIt() {
        Path config = ConfigFiles.write(dir, ServiceHarness.freePort(),
                tenant("strict", "\"attribution\": {\"unknown_source\": \"refuse\"}, "), ConfigFiles.LAB_ROUTES);
        Assertions.assertThatThrownBy(() -> ConfigFile.read(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("config.tenants[0].attribution.unknown_source");
    }
}
