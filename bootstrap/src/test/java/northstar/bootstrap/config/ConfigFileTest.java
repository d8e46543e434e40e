package northstar.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The configuration file is bound to records; a refusal names the JSON path of the setting that failed. */
class ConfigFileTest {
    static final String KEY = "\"api_keys\":[{\"name\":\"ops\",\"sha256\":\"" + "a".repeat(64) + "\"}]";
    static final String ROUTES = "\"routes\":[{\"resource_kind\":\"analytics_store\",\"backend_type\":\"sqlite\","
            + "\"config\":{\"path\":\"n.db\"}},"
            + "{\"resource_kind\":\"tabular_store\",\"backend_type\":\"sqlite\",\"config\":{\"path\":\"n.db\"}},"
            + "{\"resource_kind\":\"object_store\",\"backend_type\":\"filesystem\",\"config\":{\"root\":\"objects\"}}]";

    static ServiceConfig parse(String json) throws Exception {
        return ConfigFile.parse(new ObjectMapper().readTree(json), Path.of("/srv/northstar"));
    }

    /** A lab tenant, a second one with what the case puts in it, and the default routes. */
    static String config(String secondTenant, String top) {
        return "{" + top + "\"tenants\":[{\"tenant_id\":\"acme\",\"mode\":\"lab\"," + KEY + "},"
                + "{\"tenant_id\":\"globex\",\"mode\":\"lab\"" + secondTenant + "}]," + ROUTES + "}";
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ,"project_id":7                                  | | config.tenants[1].project_id: must be a string
            ,"colour":"red"                                  | | config.tenants[1].colour: unknown setting
            ,"api_keys":[{"sha256":"%s","admin":"yes"}]      | | config.tenants[1].api_keys[0].admin: must be true or false
            ,"api_keys":[{"sha256":"%s","projects":"p1"}]    | | config.tenants[1].api_keys[0].projects: must be an array
            ,"api_keys":[{"sha256":"%s","projects":["a:b"]}] | | config.tenants[1].api_keys[0].projects[0]: project_id
            ,"attribution":{"unknown_source":"maybe"}        | | config.tenants[1].attribution.unknown_source: must be
            ,"routes":[{"resource_kind":"object_store","backend_type":"filesystem","config":{"root":{"a":1}}}] | | config.tenants[1].routes[0].config.root: must be a string, number or boolean
            ,"webhooks":[{"url":"ftp://h/x","secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}] | | config.tenants[1].webhooks[0].url: must be an http(s) URL
            ,"webhooks":[{"url":"https://h/x","secret":"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}] | | config.tenants[1].webhooks[0].secret: must be whsec_
            ,"webhooks":[{"url":"https://h/x","secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw","events":["budget.sold"]}] | | config.tenants[1].webhooks[0].events: unknown event type budget.sold
            ,"webhooks":[{"url":"https://h/x","secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw","retries":3}] | | config.tenants[1].webhooks[0].retries: unknown setting
                                                             | "limits":{"rate_window_ms":1500.5}, | config.limits.rate_window_ms: must be an integer
                                                             | "limits":{"idle_timeout_ms":10},    | config.limits.idle_timeout_ms: must be an integer from 1000
                                                             | "max_json_body_bytes":"1MB",        | config.max_json_body_bytes: must be an integer
                                                             | "listen":8080,                      | config.listen: must be a string
                                                             | "log_format":"xml",                 | config.log_format: must be text or json
            """)
    void aRefusalNamesThePathOfTheSetting(String secondTenant, String top, String message) {
        String json = config(secondTenant == null ? "" : secondTenant.formatted("b".repeat(64)), top == null ? "" : top);
        assertThatThrownBy(() -> parse(json)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @org.junit.jupiter.api.Test
    void aWebhooksSecretIsNeverInARefusal() {
        String json = config(",\"webhooks\":[{\"url\":\"https://h/x\",\"secret\":\"whsec_c2hvcnQ=\"}]", "");
        assertThatThrownBy(() -> parse(json)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("config.tenants[1].webhooks[0].secret").hasMessageNotContaining("c2hvcnQ");
    }

    @org.junit.jupiter.api.Test
    void aWebhookWantsEveryAlertUnlessItNamesSome() throws Exception {
        ServiceConfig c = parse(config(",\"webhooks\":[{\"url\":\"https://h/x\",\"secret\":"
                + "\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}]", ""));
        assertThat(c.tenants().get(1).webhooks()).singleElement().satisfies(w -> assertThat(w.events())
                .containsExactlyInAnyOrder("budget.soft_limit_reached", "budget.hard_limit_reached", "budget.overrun"));
        assertThat(c.tenants().get(0).webhooks()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aValidDocumentBindsWithItsDefaults() throws Exception {
        ServiceConfig c = parse(config(",\"project_id\":\"web\"", "\"limits\":{\"max_concurrent_uploads\":8},"));
        assertThat(c.tenants()).extracting(TenantConfig::projectId).containsExactly("default", "web");
        assertThat(c.limits().maxUploads()).isEqualTo(8);
        assertThat(c.port()).isEqualTo(ServiceConfig.DEFAULT_PORT);
    }
}
