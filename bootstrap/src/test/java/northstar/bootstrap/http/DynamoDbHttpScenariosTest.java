package northstar.bootstrap.http;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;
import northstar.testkit.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The HTTP scenarios with analytics and tabular data on DynamoDB (dynalite, fresh tables per test)
 * and objects on the filesystem. S3 joins when its adapter lands (issue 5).
 */
class DynamoDbHttpScenariosTest extends HttpScenarioSuite {
    static LocalServer dynalite;

    @BeforeAll
    static void startDynalite() {
        dynalite = LocalServer.dynalite();
    }

    @AfterAll
    static void stopDynalite() {
        dynalite.close();
    }

    private static Route dynamo(ResourceKind kind) {
        Map<String, String> config = new HashMap<>(Map.of("table_name", kind.wireName() + "_"
                + UUID.randomUUID().toString().replace("-", ""), "region", "eu-west-1", "endpoint", dynalite.endpoint(),
                "credentials", "static", "access_key_id", "test", "secret_access_key", "test", "create_table", "true"));
        return new Route(kind, "dynamodb", config);
    }

    @Override
    protected RoutingTable routes() {
        return RoutingTable.of(dynamo(ResourceKind.ANALYTICS_STORE), dynamo(ResourceKind.TABULAR_STORE),
                new Route(ResourceKind.OBJECT_STORE, "filesystem", Map.of("root", "objects")));
    }
}
