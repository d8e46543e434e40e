package northstar.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import northstar.domain.routing.ResourceKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every backend type's settings are parsed strictly when the config file is read, before anything
 * is opened: a misspelt key, a malformed number, a switch that is not true/false and a setting of
 * the other resource kind are refused, naming the tenant, the route's place in the file and the key.
 */
class RouteSettingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A well-formed route of each backend type, one setting of each kind it has. */
    static Stream<Arguments> backends() {
        return Stream.of(
                Arguments.of("sqlite", "analytics_store", Map.of("path", "a.db"), null, null, null),
                Arguments.of("dynamodb", "analytics_store", Map.of("table_name", "t", "region", "eu-west-1",
                        "credentials", "default"), "shards", "create_table", null),
                Arguments.of("dynamodb", "tabular_store", Map.of("table_name", "t", "region", "eu-west-1",
                        "credentials", "default"), "max_attempts", "create_table", "shards"),
                Arguments.of("firestore", "analytics_store", Map.of("project", "p", "emulator_host", "127.0.0.1:8080"),
                        "ttl_days", null, null),
                Arguments.of("firestore", "tabular_store", Map.of("project", "p", "emulator_host", "127.0.0.1:8080"),
                        "call_timeout_ms", null, "ttl_days"),
                Arguments.of("cosmos", "analytics_store", Map.of("endpoint", "https://a.documents.azure.com:443/",
                        "key", "a2V5", "database", "d"), "ingest_concurrency", "create_container", null),
                Arguments.of("cosmos", "tabular_store", Map.of("endpoint", "https://a.documents.azure.com:443/",
                        "key", "a2V5", "database", "d"), "max_connections", "create_container", "ingest_concurrency"),
                Arguments.of("filesystem", "object_store", Map.of("root", "objects"), null, null, null),
                Arguments.of("s3", "object_store", Map.of("bucket", "b", "region", "eu-west-1", "credentials", "default"),
                        "part_size_mb", "path_style", null),
                Arguments.of("azure_blob", "object_store", Map.of("connection_string",
                        "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=a2V5;EndpointSuffix=core.windows.net"),
                        "block_size_mb", "create_container", null),
                Arguments.of("gcs", "object_store", Map.of("project", "p", "bucket", "b", "credentials",
                        "application_default"), "chunk_size_mb", "create_bucket", null));
    }

    private static ServiceConfig read(String type, String kind, Map<String, String> config) throws Exception {
        Map<String, Object> route = Map.of("resource_kind", kind, "backend_type", type, "config", config);
        Map<String, Object> tenant = new LinkedHashMap<>(Map.of("tenant_id", "acme", "mode", "lab", "api_keys",
                java.util.List.of(Map.of("name", "k", "sha256", "ab".repeat(32)))));
        tenant.put("routes", java.util.List.of(route));
        String file = JSON.writeValueAsString(Map.of("tenants", java.util.List.of(tenant), "routes", java.util.List.of(
                Map.of("resource_kind", "analytics_store", "backend_type", "sqlite", "config", Map.of("path", "n.db")),
                Map.of("resource_kind", "tabular_store", "backend_type", "sqlite", "config", Map.of("path", "n.db")),
                Map.of("resource_kind", "object_store", "backend_type", "filesystem", "config", Map.of("root", "o")))));
        return ConfigFile.parse(JSON.readTree(file), Path.of("/srv/northstar"));
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> c = new LinkedHashMap<>(base);
        c.put(key, value);
        return c;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backends")
    void eachBackendParsesItsSettingsStrictlyAndNamesTenantRouteAndKey(String type, String kind, Map<String, String> base,
                                                                        String number, String flag, String otherKind)
            throws Exception {
        String at = "config.tenants[0].routes[0].config.";
        assertThat(read(type, kind, base).routes().require(ResourceKind.fromWire(kind).orElseThrow(), "acme")
                .backendType()).isEqualTo(type);

        assertThatThrownBy(() -> read(type, kind, with(base, "table_nmae", "t"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining(at + "table_nmae: is not a setting of backend_type " + type)
                .hasMessageContaining("tenant acme's own " + kind + " route");
        if (number != null) {
            assertThatThrownBy(() -> read(type, kind, with(base, number, "8MB"))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(at + number + ": must be a whole number from")
                    .hasMessageContaining("(got \"8MB\")");
            assertThatThrownBy(() -> read(type, kind, with(base, number, "99999999"))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(at + number + ": must be a whole number from");
        }
        if (flag != null) {
            assertThatThrownBy(() -> read(type, kind, with(base, flag, "yes"))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(at + flag + ": must be true or false");
            assertThat(read(type, kind, with(base, flag, "true"))).isNotNull();
        }
        if (otherKind != null) {
            assertThatThrownBy(() -> read(type, kind, with(base, otherKind, "4"))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(at + otherKind + ": applies to analytics_store routes only");
        }
    }

    @org.junit.jupiter.api.Test
    void aSecretInAMalformedSettingIsNeverPrinted() {
        assertThatThrownBy(() -> read("cosmos", "tabular_store", Map.of("connection_string",
                "AccountEndpoint=http://a.example;AccountKey=c2VjcmV0LWtleQ==;", "database", "d")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be an https:// URL")
                .hasMessageNotContaining("c2VjcmV0LWtleQ");
        var s3 = northstar.adapters.blob.s3.S3Settings.parse(new northstar.domain.routing.Route(ResourceKind.OBJECT_STORE,
                "s3", Map.of("bucket", "b", "region", "r", "credentials", "static", "access_key_id", "AKIA",
                "secret_access_key", "s3cr3t")));
        assertThat(s3.staticKey().orElseThrow().secret().reveal()).isEqualTo("s3cr3t");
        assertThat(s3.toString()).as("a settings record logged").doesNotContain("s3cr3t").contains("***");
    }
}
