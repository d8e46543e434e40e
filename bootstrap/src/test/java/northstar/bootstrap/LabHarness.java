package northstar.bootstrap;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import northstar.application.UseCases;
import northstar.application.routing.BackendCatalog;
import northstar.domain.Mode;
import northstar.domain.RequestContext;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Northstar embedded on the lab backends (a real SQLite file and a real directory), as the monolith runs it. */
abstract class LabHarness {
    static final String SECRET = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;
    Northstar northstar;
    UseCases app;
    final RequestContext lab = new RequestContext("acme", Mode.LAB, "dev", "proj-1", "user-1", "req-1");
    final RequestContext otherTenant = new RequestContext("globex", Mode.LAB, "dev", "proj-1", "user-9", "req-2");

    Route sqlite(ResourceKind kind) {
        return new Route(kind, "sqlite", Map.of("path", dir.resolve("northstar.db").toString()));
    }

    Route filesystem() {
        return new Route(ResourceKind.OBJECT_STORE, "filesystem", Map.of("root", dir.resolve("objects").toString(),
                "public_base_url", "http://127.0.0.1:8080", "presign_secret", SECRET));
    }

    RoutingTable labRoutes() {
        return RoutingTable.of(sqlite(ResourceKind.ANALYTICS_STORE), sqlite(ResourceKind.TABULAR_STORE), filesystem());
    }

    /** The catalog to build adapters with; tests that inject failures wrap it. */
    BackendCatalog catalog() {
        return BackendTypes.catalog(Clock.systemUTC());
    }

    @BeforeEach
    void start() {
        northstar = Northstar.embedded(labRoutes(), List.of("acme", "globex"), catalog(), Clock.systemUTC());
        app = northstar.useCases();
    }

    @AfterEach
    void stop() {
        northstar.close();
    }
}
