package northstar.bootstrap.http;

import java.nio.file.Path;
import java.util.Map;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;
import northstar.testkit.servers.Freezable;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * DynamoDB killed under load (kill -9 of dynalite, which keeps its data on disk) and started again on
 * the same port and data: connections are refused meanwhile instead of hanging.
 */
class DynamoDbRestartTest extends BackendOutageSuite {
    static LocalServer dynalite;

    @BeforeAll
    static void startServers() {
        dynalite = LocalServer.dynalite(Path.of("target/dynalite-restart-" + System.nanoTime()));
    }

    @AfterAll
    static void stopServers() {
        dynalite.close();
    }

    @Override
    protected Freezable frozen() {
        return new Freezable() {
            @Override
            public void freeze() {
                dynalite.kill();
            }

            @Override
            public void thaw() {
                dynalite.restart();
            }
        };
    }

    @Override
    protected String frozenBackendType() {
        return "dynamodb";
    }

    @Override
    protected RoutingTable routes() {
        return RoutingTable.of(dynamo(dynalite, ResourceKind.ANALYTICS_STORE), dynamo(dynalite, ResourceKind.TABULAR_STORE),
                new Route(ResourceKind.OBJECT_STORE, "filesystem", Map.of("root", "objects")));
    }
}
