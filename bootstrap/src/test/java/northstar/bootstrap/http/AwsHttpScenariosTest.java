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
 * The HTTP scenarios on the AWS backends: analytics and tabular data on DynamoDB (dynalite, fresh
 * tables per test), objects and media on S3 (s3proxy, a fresh bucket per test).
 */
class AwsHttpScenariosTest extends HttpScenarioSuite {
    static LocalServer dynalite;
    static LocalServer s3proxy;

    @BeforeAll
    static void startServers() {
        dynalite = LocalServer.dynalite();
        s3proxy = LocalServer.s3proxy(java.nio.file.Path.of("target/s3proxy-http"));
    }

    @AfterAll
    static void stopServers() {
        dynalite.close();
        s3proxy.close();
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
                new Route(ResourceKind.OBJECT_STORE, "s3", Map.of("bucket", "b-" + UUID.randomUUID().toString()
                        .substring(0, 8), "region", "us-east-1", "endpoint", s3proxy.endpoint(), "path_style", "true",
                        "credentials", "static", "access_key_id", "test", "secret_access_key", "testsecret",
                        "create_bucket", "true")));
    }
}
