package northstar.bootstrap.http;

import java.util.Map;
import java.util.UUID;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;
import northstar.testkit.servers.Freezable;
import northstar.testkit.servers.LocalServer;
import northstar.testkit.servers.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Firestore frozen under load, holding analytics and tabular data: the real client reaches Google's
 * Firestore emulator (the one this test JVM shares) through a TCP proxy that stops passing bytes, so
 * freezing it leaves the emulator serving the other tests.
 */
class FirestoreOutageTest extends BackendOutageSuite {
    static TcpProxy proxy;

    @BeforeAll
    static void startServers() {
        proxy = new TcpProxy("127.0.0.1", LocalServer.firestore().port());
    }

    @AfterAll
    static void stopServers() {
        proxy.close();
    }

    @Override
    protected Freezable frozen() {
        return proxy;
    }

    @Override
    protected String frozenBackendType() {
        return "firestore";
    }

    @Override
    protected RoutingTable routes() {
        String project = "p" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> config = Map.of("project", project, "emulator_host", proxy.hostPort(), "call_timeout_ms", "2500");
        return RoutingTable.of(new Route(ResourceKind.ANALYTICS_STORE, "firestore", config),
                new Route(ResourceKind.TABULAR_STORE, "firestore", config),
                new Route(ResourceKind.OBJECT_STORE, "filesystem", Map.of("root", "objects")));
    }
}
