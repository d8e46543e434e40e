package northstar.bootstrap.http;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;
import northstar.testkit.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The HTTP scenarios with objects and media on Azure Blob (Azurite, a container per test) and
 * analytics and tabular data on DynamoDB (dynalite): backends of two clouds behind one routing table.
 */
class AzureBlobHttpScenariosTest extends HttpScenarioSuite {
    static LocalServer azurite;
    static LocalServer dynalite;

    @BeforeAll
    static void startServers() {
        azurite = LocalServer.azurite(Path.of("target/azurite-http"));
        dynalite = LocalServer.dynalite();
    }

    @AfterAll
    static void stopServers() {
        azurite.close();
        dynalite.close();
    }

    /** An Azure SAS binds blob, permissions and expiry, but cannot constrain the request's Content-Type. */
    @Override
    protected boolean presignBindsContentType() {
        return false;
    }

    @Override
    protected RoutingTable routes() {
        return RoutingTable.of(ConfigFiles.dynamo(dynalite, ResourceKind.ANALYTICS_STORE),
                ConfigFiles.dynamo(dynalite, ResourceKind.TABULAR_STORE),
                new Route(ResourceKind.OBJECT_STORE, "azure_blob", Map.of("connection_string",
                        azurite.azuriteConnectionString(), "container", "c" + UUID.randomUUID().toString().replace("-", ""),
                        "create_container", "true")));
    }
}
