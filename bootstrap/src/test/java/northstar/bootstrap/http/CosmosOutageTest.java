package northstar.bootstrap.http;

import java.util.HashMap;
import java.util.Map;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;
import northstar.testkit.servers.Freezable;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Cosmos DB (the local Cosmos server) frozen under load, holding analytics and tabular data. */
class CosmosOutageTest extends BackendOutageSuite {
    static LocalServer cosmos;

    @BeforeAll
    static void startServers() {
        cosmos = LocalServer.cosmos();
    }

    @AfterAll
    static void stopServers() {
        cosmos.close();
    }

    @Override
    protected Freezable frozen() {
        return cosmos;
    }

    @Override
    protected String frozenBackendType() {
        return "cosmos";
    }

    static Route route(ResourceKind kind) {
        Map<String, String> config = new HashMap<>(ConfigFiles.cosmos(cosmos, kind).config());
        config.put("request_timeout_seconds", "1"); // a whole operation: 3 s at most
        return new Route(kind, "cosmos", config);
    }

    @Override
    protected RoutingTable routes() {
        return RoutingTable.of(route(ResourceKind.ANALYTICS_STORE), route(ResourceKind.TABULAR_STORE),
                new Route(ResourceKind.OBJECT_STORE, "filesystem", Map.of("root", "objects")));
    }
}
