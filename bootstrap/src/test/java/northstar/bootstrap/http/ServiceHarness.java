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

    /** The ports this test JVM hands out: below Linux's ephemeral range (32768+), a block per surefire fork. */
    private static final int PORTS_PER_FORK = 3000;
    private static final int FIRST_PORT = 20000 + PORTS_PER_FORK * (Integer.getInteger("northstar.fork", 1) - 1)
            % (PORTS_PER_FORK * 4);
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_PORT = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A port free right now on 127.0.0.1, so presigned URLs can name it before the server listens. It
     * comes from this JVM's own block, so neither a test JVM beside it nor a local server on an ephemeral
     * port takes it between the choice and the bind.
     */
    public static int freePort() {
        for (int i = 0; i < PORTS_PER_FORK; i++) {
            int port = FIRST_PORT + Math.floorMod(NEXT_PORT.getAndIncrement(), PORTS_PER_FORK);
            try (java.net.ServerSocket s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (java.io.IOException e) {
                // in use (a server of an earlier test still closing, another program): the next one
            }
        }
        throw new IllegalStateException("no free port in " + FIRST_PORT + "+" + PORTS_PER_FORK);
    }

    @BeforeEach
    void startService() {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            ServiceConfig config = new ServiceConfig("127.0.0.1", port, data, "test",
                    URI.create("http://127.0.0.1:" + port), maxJsonBodyBytes(), Duration.ofSeconds(5), tenants(), routes(),
                    ingest(), requestDeadline());
            try {
                service = Service.start(config);
                break;
            } catch (RuntimeException e) {
                // the port was free when chosen; a test JVM beside this one may have taken it since
                if (attempt == 3 || !portTaken(e)) {
                    throw e;
                }
            }
        }
        http = new Http("http://127.0.0.1:" + service.port());
    }

    private static boolean portTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException || t.getClass().getSimpleName().equals("JavalinBindException")) {
                return true;
            }
        }
        return false;
    }

    @AfterEach
    void stopService() {
        if (service != null) {
            service.close();
        }
    }
}
