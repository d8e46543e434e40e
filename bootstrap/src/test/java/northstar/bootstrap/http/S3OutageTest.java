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

/** S3 (s3proxy) frozen under load, holding the objects; analytics and budgets on the embedded default. */
class S3OutageTest extends BackendOutageSuite {
    static LocalServer s3proxy;

    @BeforeAll
    static void start() {
        s3proxy = LocalServer.s3proxy(Path.of("target/s3proxy-outage"));
    }

    @AfterAll
    static void stop() {
        s3proxy.close();
    }

    @Override
    protected Freezable frozen() {
        return s3proxy;
    }

    @Override
    protected String frozenBackendType() {
        return "s3";
    }

    @Override
    protected RoutingTable routes() {
        return BackendOutageSuite.withObjects(new Route(ResourceKind.OBJECT_STORE, "s3", BackendOutageSuite.with(Map.of("bucket", "b-"
                + UUID.randomUUID().toString().substring(0, 8), "region", "us-east-1", "endpoint", s3proxy.endpoint(),
                "path_style", "true", "credentials", "static", "access_key_id", "test", "secret_access_key",
                "testsecret", "create_bucket", "true"), BackendOutageSuite.OBJECT_DEADLINE)));
    }
}
