package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP scenarios on the Azure backends (the design's "mixed cloud" example): analytics and
 * tabular data on Cosmos DB (the local Cosmos server, fresh containers per test), objects and media
 * on Azure Blob (Azurite, a container per test).
 */
class AzureHttpScenariosTest extends HttpScenarioSuite {
    static LocalServer azurite;
    static LocalServer cosmos;

    @BeforeAll
    static void startServers() {
        azurite = LocalServer.azurite(Path.of("target/azurite-http"));
        cosmos = LocalServer.cosmos();
    }

    @AfterAll
    static void stopServers() {
        azurite.close();
        cosmos.close();
    }

    /** An Azure SAS binds blob, permissions and expiry, but cannot constrain the request's Content-Type. */
    @Override
    protected boolean presignBindsContentType() {
        return false;
    }

    @Override
    protected RoutingTable routes() {
        return RoutingTable.of(ConfigFiles.cosmos(cosmos, ResourceKind.ANALYTICS_STORE),
                ConfigFiles.cosmos(cosmos, ResourceKind.TABULAR_STORE),
                new Route(ResourceKind.OBJECT_STORE, "azure_blob", Map.of("connection_string",
                        azurite.azuriteConnectionString(), "container", "c" + UUID.randomUUID().toString().replace("-", ""),
                        "create_container", "true")));
    }

    @Test
    void theServiceStartsOnTheModulePathWithTheAzureSdks(@TempDir Path dir) {
        String cosmosConfig = "\"endpoint\": \"" + cosmos.cosmosEndpoint() + "\", \"key\": \""
                + LocalServer.COSMOS_EMULATOR_KEY + "\", \"database\": \"process\", \"create_container\": \"true\"";
        String routes = "[{\"resource_kind\": \"analytics_store\", \"backend_type\": \"cosmos\", \"config\": {"
                + cosmosConfig + ", \"container\": \"events\"}},"
                + " {\"resource_kind\": \"tabular_store\", \"backend_type\": \"cosmos\", \"config\": {"
                + cosmosConfig + ", \"container\": \"tables\"}},"
                + " {\"resource_kind\": \"object_store\", \"backend_type\": \"azure_blob\", \"config\": {"
                + "\"connection_string\": \"" + azurite.azuriteConnectionString() + "\", \"container\": \"process\", "
                + "\"create_container\": \"true\"}}]";
        int port = freePort();
        Path config = ConfigFiles.write(dir, port, ConfigFiles.tenant("acme", "saas"), routes);
        // the local Cosmos server's certificate is self-signed: the SDK's switch for emulators on 127.0.0.1
        try (ServiceProcess p = ServiceProcess.start(dir,
                List.of("-DCOSMOS.EMULATOR_SERVER_CERTIFICATE_VALIDATION_DISABLED=true"), config.toString())) {
            Http http = readyAndRoundTripsAnEvent(p, port);
            String key = ConfigFiles.KEY + "acme";
            assertThat(http.put("/v1/objects/x.txt").key(key).bytes("x".getBytes(), "text/plain").send().json()
                    .get("object_ref").asText()).isEqualTo("az://process/tenants/acme/test/raw/x.txt");
            String shown = http.get("/v1/routes").key(key).send().text();
            assertThat(shown).contains("cosmos").doesNotContain(LocalServer.COSMOS_EMULATOR_KEY)
                    .doesNotContain("AccountKey=");
        }
    }
}
