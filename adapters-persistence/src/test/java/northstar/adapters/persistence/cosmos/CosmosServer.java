package northstar.adapters.persistence.cosmos;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.testkit.servers.LocalServer;

/** Routes on a local Cosmos server; each test gets a container of its own, created by the adapter. */
final class CosmosServer {
    static final String DATABASE = "northstar";

    private CosmosServer() {
    }

    static Route route(LocalServer server, ResourceKind kind, String container) {
        return new Route(kind, "cosmos", Map.of("endpoint", server.cosmosEndpoint(), "key",
                LocalServer.COSMOS_EMULATOR_KEY, "database", DATABASE, "container", container));
    }

    static Route creating(LocalServer server, ResourceKind kind, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(route(server, kind, kind.wireName() + "-"
                + UUID.randomUUID().toString().replace("-", "")).config());
        config.put("create_container", "true");
        config.putAll(extra);
        return new Route(kind, "cosmos", config);
    }

    /** A client of the test's own, to look at what the adapter stored. */
    static CosmosClient rawClient(LocalServer server) {
        return new CosmosClientBuilder().endpoint(server.cosmosEndpoint()).key(LocalServer.COSMOS_EMULATOR_KEY)
                .gatewayMode().buildClient();
    }
}
