package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;
import northstar.testkit.servers.LocalServer;
import northstar.testkit.servers.ServiceAccountKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP scenarios with every resource kind on another cloud (the design's I2 backend separation):
 * analytics on Firestore (the real client against Google's Firestore emulator), tabular data on
 * DynamoDB (dynalite), objects and media on Azure Blob (Azurite).
 */
class MixedCloudHttpScenariosTest extends HttpScenarioSuite {
    static LocalServer firestore;
    static LocalServer dynalite;
    static LocalServer azurite;

    @BeforeAll
    static void startServers() {
        firestore = LocalServer.firestore(); // shared by this test JVM: not closed here
        dynalite = LocalServer.dynalite();
        azurite = LocalServer.azurite(Path.of("target/azurite-mixed"));
    }

    @AfterAll
    static void stopServers() {
        dynalite.close();
        azurite.close();
    }

    /** An Azure SAS binds blob, permissions and expiry, but cannot constrain the request's Content-Type. */
    @Override
    protected boolean presignBindsContentType() {
        return false;
    }

    static Route firestoreAnalytics() {
        return new Route(ResourceKind.ANALYTICS_STORE, "firestore", Map.of("project", "p" + UUID.randomUUID().toString()
                .substring(0, 8), "emulator_host", firestore.hostAndPort()));
    }

    @Override
    protected RoutingTable routes() {
        return RoutingTable.of(firestoreAnalytics(), ConfigFiles.dynamo(dynalite, ResourceKind.TABULAR_STORE),
                new Route(ResourceKind.OBJECT_STORE, "azure_blob", Map.of("connection_string",
                        azurite.azuriteConnectionString(), "container", "c" + UUID.randomUUID().toString().replace("-", ""),
                        "create_container", "true")));
    }

    private static String routesJson(String firestoreConfig, String objectRoute) {
        return "[{\"resource_kind\": \"analytics_store\", \"backend_type\": \"firestore\", \"config\": {" + firestoreConfig
                + "}}, {\"resource_kind\": \"tabular_store\", \"backend_type\": \"dynamodb\", \"config\": {\"region\": "
                + "\"eu-west-1\", \"credentials\": \"static\", \"access_key_id\": \"test\", \"secret_access_key\": \"test\", "
                + "\"table_name\": \"mixed_tables\", \"create_table\": \"true\", \"endpoint\": \"" + dynalite.endpoint()
                + "\"}}, " + objectRoute + "]";
    }

    private static String azureObjects() {
        return "{\"resource_kind\": \"object_store\", \"backend_type\": \"azure_blob\", \"config\": {"
                + "\"connection_string\": \"" + azurite.azuriteConnectionString() + "\", \"container\": \"mixed\", "
                + "\"create_container\": \"true\"}}";
    }

    /** Both Google SDKs on the module path: analytics on Firestore, objects on Cloud Storage (its emulator). */
    @Test
    void theServiceStartsOnTheModulePathWithTheGoogleSdks(@TempDir Path dir) {
        try (LocalServer gcs = LocalServer.gcs(dir.resolve("gcs"))) {
            ServiceAccountKeys key = ServiceAccountKeys.write(dir, "process", gcs.endpoint() + "/token");
            String objects = "{\"resource_kind\": \"object_store\", \"backend_type\": \"gcs\", \"config\": {\"project\": "
                    + "\"process\", \"bucket\": \"process-bucket\", \"credentials\": \"service_account\", \"key_file\": \""
                    + key.file() + "\", \"endpoint\": \"" + gcs.endpoint() + "\", \"create_bucket\": \"true\"}}";
            int port = freePort();
            Path config = ConfigFiles.write(dir, port, ConfigFiles.tenant("acme", "saas"), routesJson(
                    "\"project\": \"process\", \"emulator_host\": \"" + firestore.hostAndPort() + "\"", objects));
            try (ServiceProcess p = ServiceProcess.start(dir, List.of(), config.toString())) {
                Http http = readyAndRoundTripsAnEvent(p, port);
                assertThat(EmulatorDocuments.in(firestore, "process", "analytics/acme/events")).hasSize(1);
                var put = http.put("/v1/objects/x.txt").key(ConfigFiles.KEY + "acme").bytes("x".getBytes(), "text/plain")
                        .send();
                assertThat(put.json().get("object_ref").asText()).isEqualTo("gs://process-bucket/tenants/acme/test/raw/x.txt");
                assertThat(http.get("/v1/objects/x.txt").key(ConfigFiles.KEY + "acme").send().text()).isEqualTo("x");
            }
        }
    }

    /**
     * The Firestore library takes an emulator from FIRESTORE_EMULATOR_HOST when the config names
     * none: the service refuses to start rather than let the environment pick the backend.
     */
    @Test
    void anEmulatorHostFromTheEnvironmentIsRefusedAtStartup(@TempDir Path dir) {
        ServiceAccountKeys key = ServiceAccountKeys.write(dir, "envtest");
        Path config = ConfigFiles.write(dir, freePort(), ConfigFiles.tenant("acme", "saas"), routesJson(
                "\"project\": \"envtest\", \"credentials\": \"service_account\", \"key_file\": \"" + key.file() + "\"",
                azureObjects()));
        try (ServiceProcess p = ServiceProcess.start(dir, Map.of("FIRESTORE_EMULATOR_HOST", firestore.hostAndPort()),
                List.of(), config.toString())) {
            assertThat(p.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(p.stderr() + p.stdout()).contains("FIRESTORE_EMULATOR_HOST").contains("analytics_store");
        }
        assertThat(EmulatorDocuments.collections(firestore, "envtest")).isEmpty();
    }
}
