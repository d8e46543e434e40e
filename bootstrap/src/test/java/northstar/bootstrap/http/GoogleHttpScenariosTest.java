package northstar.bootstrap.http;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;
import northstar.testkit.servers.LocalServer;
import northstar.testkit.servers.ServiceAccountKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The HTTP scenarios on the Google backends: analytics and tabular data on Firestore (Google's
 * emulator, a fresh project per test), objects and media on Cloud Storage (its emulator, a fresh
 * bucket per test), so media goes through the object store (I3) and the Firestore tabular store
 * serves budgets, contracts and media metadata end to end over HTTP.
 */
class GoogleHttpScenariosTest extends HttpScenarioSuite {
    static LocalServer gcs;
    static ServiceAccountKeys key;

    @BeforeAll
    static void startServers() {
        Path dir = Path.of("target/gcs-google-scenarios").toAbsolutePath();
        gcs = LocalServer.gcs(dir);
        key = ServiceAccountKeys.write(dir, "scenarios", gcs.endpoint() + "/token");
    }

    @AfterAll
    static void stopServers() {
        gcs.close();
    }

    /** The Cloud Storage emulator answers 501 to uploads to V4 signed URLs (docs/GOOGLE.md). */
    @Override
    protected boolean localServerTakesSignedUploads() {
        return false;
    }

    @Override
    protected RoutingTable routes() {
        Map<String, String> firestore = Map.of("project", "p" + UUID.randomUUID().toString().substring(0, 8),
                "emulator_host", LocalServer.firestore().hostAndPort());
        return RoutingTable.of(new Route(ResourceKind.ANALYTICS_STORE, "firestore", firestore),
                new Route(ResourceKind.TABULAR_STORE, "firestore", firestore),
                new Route(ResourceKind.OBJECT_STORE, "gcs", Map.of("project", "scenarios", "bucket",
                        "b" + UUID.randomUUID().toString().replace("-", ""), "credentials", "service_account",
                        "key_file", key.file().toString(), "endpoint", gcs.endpoint(), "create_bucket", "true")));
    }
}
