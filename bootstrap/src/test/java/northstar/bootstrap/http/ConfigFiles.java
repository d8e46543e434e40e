package northstar.bootstrap.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import northstar.bootstrap.config.Secrets;

/** Configuration files for the process tests. */
public final class ConfigFiles {
    public static final String KEY = "process-test-key-0123456789";

    private ConfigFiles() {
    }

    public static final String LAB_ROUTES = """
            [ {"resource_kind": "analytics_store", "backend_type": "sqlite", "config": {"path": "northstar.db"}},
              {"resource_kind": "tabular_store", "backend_type": "sqlite", "config": {"path": "northstar.db"}},
              {"resource_kind": "object_store", "backend_type": "filesystem", "config": {"root": "objects"}} ]""";

    public static String tenant(String id, String mode) {
        return "{\"tenant_id\": \"" + id + "\", \"mode\": \"" + mode + "\", \"api_keys\": [{\"name\": \"k\", \"sha256\": \""
                + Secrets.sha256Hex(KEY + id) + "\", \"admin\": true}]}";
    }

    /** A dynamodb route on a dynalite server, with a fresh table the adapter creates. */
    public static northstar.domain.routing.Route dynamo(northstar.testkit.servers.LocalServer dynalite,
                                                        northstar.domain.routing.ResourceKind kind) {
        return new northstar.domain.routing.Route(kind, "dynamodb", java.util.Map.of("table_name", kind.wireName() + "_"
                + java.util.UUID.randomUUID().toString().replace("-", ""), "region", "eu-west-1", "endpoint",
                dynalite.endpoint(), "credentials", "static", "access_key_id", "test", "secret_access_key", "test",
                "create_table", "true"));
    }

    /** A cosmos route on a local Cosmos server, with a fresh container the adapter creates. */
    public static northstar.domain.routing.Route cosmos(northstar.testkit.servers.LocalServer cosmos,
                                                        northstar.domain.routing.ResourceKind kind) {
        return new northstar.domain.routing.Route(kind, "cosmos", java.util.Map.of("endpoint", cosmos.cosmosEndpoint(),
                "key", northstar.testkit.servers.LocalServer.COSMOS_EMULATOR_KEY, "database", "northstar", "container",
                kind.wireName() + "-" + java.util.UUID.randomUUID().toString().replace("-", ""),
                "create_container", "true"));
    }

    public static Path write(Path dir, int port, String tenants, String routes) {
        return write(dir, port, tenants, routes, "data");
    }

    /** As above, with data_dir (relative to the file's folder). */
    public static Path write(Path dir, int port, String tenants, String routes, String dataDir) {
        return writeWith(dir, port, tenants, routes, dataDir, "");
    }

    /** As above, with more top-level settings: extra is JSON members with a trailing comma, e.g. {@code "limits": {..},}. */
    public static Path writeWith(Path dir, int port, String tenants, String routes, String dataDir, String extra) {
        String json = "{\"listen\": \"127.0.0.1:" + port + "\", \"data_dir\": \"" + dataDir + "\", \"env\": \"test\",\n"
                + extra + " \"tenants\": [" + tenants + "],\n \"routes\": " + routes + "}";
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("northstar.json");
            Files.writeString(file, json);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
