package northstar.bootstrap.http;

import java.util.Map;
import java.util.UUID;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;
import northstar.testkit.servers.Freezable;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** DynamoDB (dynalite) frozen under load, holding analytics and tabular data; objects on S3. */
class DynamoDbOutageTest extends BackendOutageSuite {
    static LocalServer dynalite;
    static LocalServer s3proxy;

    @BeforeAll
    static void startServers() {
        dynalite = LocalServer.dynalite();
        s3proxy = LocalServer.s3proxy(java.nio.file.Path.of("target/s3proxy-outage"));
    }

    @AfterAll
    static void stopServers() {
        dynalite.close();
        s3proxy.close();
    }

    @Override
    protected Freezable frozen() {
        return dynalite;
    }

    @Override
    protected String frozenBackendType() {
        return "dynamodb";
    }

    @Override
    protected RoutingTable routes() {
        return RoutingTable.of(dynamo(dynalite, ResourceKind.ANALYTICS_STORE), dynamo(dynalite, ResourceKind.TABULAR_STORE),
                new Route(ResourceKind.OBJECT_STORE, "s3", Map.of("bucket", "b-" + UUID.randomUUID().toString()
                        .substring(0, 8), "region", "us-east-1", "endpoint", s3proxy.endpoint(), "path_style", "true",
                        "credentials", "static", "access_key_id", "test", "secret_access_key", "testsecret",
                        "create_bucket", "true", "attempt_timeout_ms", "1000", "max_attempts", "2")));
    }
}
