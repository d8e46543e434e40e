package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import northstar.bootstrap.BackendTypes;
import northstar.bootstrap.Service;
import northstar.bootstrap.config.ConfigFile;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The design document's three example route sets ("Example Route Configurations": Builder B, Builder
 * C, Mixed Cloud), taken verbatim. Each gets only what this service requires on purpose (explicit
 * credentials) and what reaches the local servers (their endpoint, key or connection string in
 * place of the "..." placeholders); the kinds an example does not name get the embedded routes.
 * The resources an operator creates beforehand (tables, bucket, containers) are created first, by
 * the adapters themselves; then the service starts on the example and serves a call of each kind.
 */
class DesignRouteExamplesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String BUILDER_B = """
            [
              { "resource_kind": "analytics_store", "backend_type": "firestore",
                "config": { "project": "northstar-prod" } },
              { "resource_kind": "tabular_store", "backend_type": "dynamodb",
                "config": { "table_name": "builder_b_tables_prod", "region": "us-west-2" } }
            ]""";
    static final String BUILDER_C = """
            [
              { "resource_kind": "object_store", "backend_type": "s3",
                "config": { "bucket": "northstar-raw-objects", "region": "us-west-2" } }
            ]""";
    static final String MIXED_CLOUD = """
            [
              { "resource_kind": "analytics_store", "backend_type": "cosmos",
                "config": { "endpoint": "https://northstar.documents.azure.com", "key": "...", "database": "northstar" } },
              { "resource_kind": "object_store", "backend_type": "azure_blob",
                "config": { "connection_string": "DefaultEndpointProtocol=https;..." } }
            ]""";

    static LocalServer firestore;
    static LocalServer dynalite;
    static LocalServer s3proxy;
    static LocalServer cosmos;
    static LocalServer azurite;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServers() {
        firestore = LocalServer.firestore(); // shared by this test JVM: not closed here
        dynalite = LocalServer.dynalite();
        s3proxy = LocalServer.s3proxy(Path.of("target/s3proxy-design"));
        cosmos = LocalServer.cosmos();
        azurite = LocalServer.azurite(Path.of("target/azurite-design"));
    }

    @AfterAll
    static void stopServers() {
        for (AutoCloseable c : new AutoCloseable[] {dynalite, s3proxy, cosmos, azurite}) {
            try {
                c.close();
            } catch (Exception ignored) {
                // the next server still stops
            }
        }
    }

    /** What a local run adds to a route of the example, by backend: credentials and the way to the server. */
    static Map<String, String> additions(String backend) {
        return switch (backend) {
            case "firestore" -> Map.of("emulator_host", firestore.hostAndPort());
            case "dynamodb" -> Map.of("credentials", "static", "access_key_id", "test", "secret_access_key", "test",
                    "endpoint", dynalite.endpoint());
            case "s3" -> Map.of("credentials", "static", "access_key_id", "test", "secret_access_key", "testsecret",
                    "endpoint", s3proxy.endpoint());
            case "cosmos" -> Map.of("endpoint", cosmos.cosmosEndpoint(), "key", LocalServer.COSMOS_EMULATOR_KEY);
            case "azure_blob" -> Map.of("connection_string", azurite.azuriteConnectionString());
            default -> throw new AssertionError(backend);
        };
    }

    /** The example's routes with the additions, plus the embedded routes for the kinds it does not name. */
    static ArrayNode completed(String example) throws IOException {
        ArrayNode routes = (ArrayNode) JSON.readTree(example);
        java.util.Set<String> named = new java.util.HashSet<>();
        for (JsonNode r : routes) {
            ObjectNode config = (ObjectNode) r.get("config");
            additions(r.get("backend_type").asText()).forEach(config::put);
            named.add(r.get("resource_kind").asText());
        }
        for (JsonNode embedded : JSON.readTree(ConfigFiles.LAB_ROUTES)) {
            if (!named.contains(embedded.get("resource_kind").asText())) {
                routes.add(embedded);
            }
        }
        return routes;
    }

    /** Creates what the operator creates beforehand, with the adapter itself, for each cloud route. */
    static void provision(ArrayNode routes) {
        var catalog = BackendTypes.catalog(Clock.systemUTC());
        for (JsonNode r : routes) {
            String backend = r.get("backend_type").asText();
            Map<String, String> config = new HashMap<>();
            r.get("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            switch (backend) {
                case "dynamodb" -> config.put("create_table", "true");
                case "s3" -> config.put("create_bucket", "true");
                case "cosmos" -> config.put("create_container", "true");
                case "azure_blob" -> config.put("create_container", "true");
                default -> {
                    continue;
                }
            }
            catalog.create(new Route(ResourceKind.fromWire(r.get("resource_kind").asText()).orElseThrow(), backend,
                    config)).close();
        }
    }

    void startsAndServes(String example) throws IOException {
        ArrayNode routes = completed(example);
        provision(routes);
        int port = ServiceHarness.freePort();
        Path config = ConfigFiles.write(dir, port, ConfigFiles.tenant("acme", "lab"), JSON.writeValueAsString(routes));
        String key = ConfigFiles.KEY + "acme";
        try (Service service = Service.start(ConfigFile.read(config))) {
            Http http = new Http("http://127.0.0.1:" + service.port());
            Http.Response ready = http.get("/readyz").send();
            assertThat(ready.status()).as(ready.text()).isEqualTo(200);
            Http.Response event = http.post("/v1/analytics/events").key(key).json(Map.of("app", "agent", "platform", "web"))
                    .send();
            assertThat(event.status()).as(event.text()).isEqualTo(201);
            Http.Response budget = http.put("/v1/budgets/openai/tokens").key(key).json(Map.of("hard_limit", 10)).send();
            assertThat(budget.status()).as(budget.text()).isEqualTo(200);
            Http.Response object = http.put("/v1/objects/design/x.txt").key(key).bytes("x".getBytes(), "text/plain")
                    .send();
            assertThat(object.status()).as(object.text()).isEqualTo(201);
        }
        Files.deleteIfExists(config);
    }

    @Test
    void builderBAnalyticsOnFirestoreTablesOnDynamoDb() throws IOException {
        startsAndServes(BUILDER_B);
    }

    @Test
    void builderCObjectsOnS3() throws IOException {
        startsAndServes(BUILDER_C);
    }

    @Test
    void mixedCloudAnalyticsOnCosmosObjectsOnAzureBlob() throws IOException {
        startsAndServes(MIXED_CLOUD);
    }
}
