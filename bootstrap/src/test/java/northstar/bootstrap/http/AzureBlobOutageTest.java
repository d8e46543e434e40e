package northstar.bootstrap.http;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;
import northstar.testkit.servers.Freezable;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Azure Blob (Azurite) frozen under load, holding the objects; analytics and budgets on the embedded default. */
class AzureBlobOutageTest extends BackendOutageSuite {
    static LocalServer azurite;

    @BeforeAll
    static void start() {
        azurite = LocalServer.azurite(Path.of("target/azurite-outage"));
    }

    @AfterAll
    static void stop() {
        azurite.close();
    }

    @Override
    protected Freezable frozen() {
        return azurite;
    }

    @Override
    protected String frozenBackendType() {
        return "azure_blob";
    }

    @Override
    protected RoutingTable routes() {
        return BackendOutageSuite.withObjects(new Route(ResourceKind.OBJECT_STORE, "azure_blob", BackendOutageSuite.with(Map.of("connection_string",
                azurite.azuriteConnectionString(), "container", "c" + UUID.randomUUID().toString().replace("-", ""),
                "create_container", "true"), BackendOutageSuite.OBJECT_DEADLINE)));
    }
}
