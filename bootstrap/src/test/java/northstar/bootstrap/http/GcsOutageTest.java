package northstar.bootstrap.http;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;
import northstar.testkit.servers.Freezable;
import northstar.testkit.servers.LocalServer;
import northstar.testkit.servers.ServiceAccountKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Cloud Storage (its emulator) frozen under load, holding the objects; analytics and budgets on the embedded default. */
class GcsOutageTest extends BackendOutageSuite {
    static LocalServer gcs;
    static ServiceAccountKeys key;

    @BeforeAll
    static void start() {
        Path dir = Path.of("target/gcs-outage").toAbsolutePath();
        gcs = LocalServer.gcs(dir);
        key = ServiceAccountKeys.write(dir, "outage", gcs.endpoint() + "/token");
    }

    @AfterAll
    static void stop() {
        gcs.close();
    }

    @Override
    protected Freezable frozen() {
        return gcs;
    }

    @Override
    protected String frozenBackendType() {
        return "gcs";
    }

    @Override
    protected RoutingTable routes() {
        return BackendOutageSuite.withObjects(new Route(ResourceKind.OBJECT_STORE, "gcs", Map.of("project", "outage", "bucket",
                "b" + UUID.randomUUID().toString().replace("-", ""), "credentials", "service_account", "key_file",
                key.file().toString(), "endpoint", gcs.endpoint(), "create_bucket", "true",
                "api_call_timeout_ms", "2500", "max_attempts", "2")));
    }
}
