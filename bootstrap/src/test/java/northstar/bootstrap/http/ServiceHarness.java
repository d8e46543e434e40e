package northstar.bootstrap.http;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import northstar.bootstrap.Service;
import northstar.bootstrap.config.ApiKeyConfig;
import northstar.bootstrap.config.Secrets;
import northstar.bootstrap.config.ServiceConfig;
import northstar.bootstrap.config.TenantConfig;
import northstar.domain.Mode;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real service on a free port of 127.0.0.1, with two lab tenants: acme (an admin key and a
 * plain key) and globex (a plain key). Subclasses choose the routes; the default is the embedded
 * lab default, SQLite and the filesystem under a fresh data directory.
 */
public abstract class ServiceHarness {
    public static final String ACME_ADMIN = "acme-admin-key-0123456789";
    public static final String ACME = "acme-plain-key-0123456789";
    public static final String GLOBEX = "globex-plain-key-0123456789";

    @TempDir
    protected Path data;
    protected Service service;
    protected Http http;

    protected RoutingTable routes() {
        return RoutingTable.of(new Route(ResourceKind.ANALYTICS_STORE, "sqlite", Map.of("path", "northstar.db")),
                new Route(ResourceKind.TABULAR_STORE, "sqlite", Map.of("path", "northstar.db")),
                new Route(ResourceKind.OBJECT_STORE, "filesystem", Map.of("root", "objects")));
    }

    /** The ingest journal's bound and the ingest deadline. */
    protected ServiceConfig.Ingest ingest() {
        return ServiceConfig.Ingest.DEFAULTS;
    }

    /** How long a JSON request's use case may take. */
    protected Duration requestDeadline() {
        return ServiceConfig.DEFAULT_REQUEST_DEADLINE;
    }

    protected long maxJsonBodyBytes() {
        return 64 * 1024;
    }

    protected List<TenantConfig> tenants() {
        List<TenantConfig> t = new ArrayList<>();
        t.add(new TenantConfig("acme", Mode.LAB, "default", List.of(
                new ApiKeyConfig("ops", Secrets.sha256Hex(ACME_ADMIN), true),
                new ApiKeyConfig("app", Secrets.sha256Hex(ACME), false))));
        t.add(new TenantConfig("globex", Mode.LAB, "default", List.of(
                new ApiKeyConfig("app", Secrets.sha256Hex(GLOBEX), false))));
        return t;
    }

    /** A port free right now on 127.0.0.1, so presigned URLs can name it before the server listens. */
    public static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeEach
    void startService() {
        int port = freePort();
        ServiceConfig config = new ServiceConfig("127.0.0.1", port, data, "test", URI.create("http://127.0.0.1:" + port),
                maxJsonBodyBytes(), Duration.ofSeconds(5), tenants(), routes(), ingest(), requestDeadline());
        service = Service.start(config);
        http = new Http("http://127.0.0.1:" + service.port());
    }

    @AfterEach
    void stopService() {
        if (service != null) {
            service.close();
        }
    }
}
