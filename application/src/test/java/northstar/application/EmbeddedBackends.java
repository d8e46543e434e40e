package northstar.application;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import northstar.adapters.blob.filesystem.FilesystemObjectStore;
import northstar.adapters.blob.filesystem.FilesystemPresigner;
import northstar.adapters.persistence.sqlite.SqliteBackends;
import northstar.application.routing.BackendCatalog;
import northstar.application.routing.StoreRouter;
import northstar.domain.Mode;
import northstar.domain.RequestContext;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;

/**
 * The use cases over the embedded backends, as a lab deployment runs them: SQLite for analytics and
 * tabular data, the filesystem for objects, all under one temporary directory.
 */
public final class EmbeddedBackends implements AutoCloseable {
    public static final byte[] PRESIGN_KEY = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public final StoreRouter router;
    public final UseCases useCases;
    public final FilesystemObjectStore files;

    public EmbeddedBackends(Path dir, Clock clock) {
        SqliteBackends sqlite = new SqliteBackends();
        files = new FilesystemObjectStore(dir.resolve("objects"),
                new FilesystemPresigner(PRESIGN_KEY, URI.create("http://127.0.0.1:1"), clock));
        BackendCatalog catalog = new BackendCatalog()
                .analytics(SqliteBackends.TYPE, sqlite::analytics)
                .tabular(SqliteBackends.TYPE, sqlite::tabular)
                .objects(FilesystemObjectStore.TYPE, route -> files);
        Map<String, String> db = Map.of("path", dir.resolve("northstar.db").toString());
        router = new StoreRouter(RoutingTable.of(new Route(ResourceKind.ANALYTICS_STORE, SqliteBackends.TYPE, db),
                new Route(ResourceKind.TABULAR_STORE, SqliteBackends.TYPE, db),
                new Route(ResourceKind.OBJECT_STORE, FilesystemObjectStore.TYPE, Map.of())), catalog);
        useCases = UseCases.over(router, clock);
    }

    public static RequestContext lab(String tenant) {
        return new RequestContext(tenant, Mode.LAB, "test", "default", null, null);
    }

    @Override
    public void close() {
        useCases.close();
        router.close();
    }
}
