package northstar.bootstrap.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import northstar.domain.Mode;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;

/**
 * The built-in lab configuration, used when no file is given: one lab tenant ("lab"), SQLite and
 * the filesystem under the data directory, and an admin API key made at first start. The key is
 * shown once (returned here for Main to print) and kept only as its SHA-256 in api-keys.json.
 */
public final class LabDefaults {
    public static final String TENANT = "lab";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The configuration, and the new API key when this start made one. */
    public record Loaded(ServiceConfig config, Optional<String> newApiKey) {
    }

    private LabDefaults() {
    }

    /**
     * Makes a new lab API key in place of the one kept (a lost key's recovery: the old one stops
     * working at the next start) and returns it, to be shown once.
     */
    public static String replaceKey(Path dataDir) {
        Path keys = dataDir.resolve("api-keys.json");
        String key = Secrets.newApiKey();
        Path fresh = dataDir.resolve("api-keys.json.new");
        try {
            Files.deleteIfExists(fresh);
            Secrets.writePrivate(fresh, keyFile(Secrets.sha256Hex(key), "made by keys new --lab"));
            Files.move(fresh, keys, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the lab API key in " + keys, e);
        }
        return key;
    }

    /** The content of api-keys.json: the lab key's SHA-256, never the key. */
    private static String keyFile(String sha256, String madeHow) throws IOException {
        return MAPPER.writeValueAsString(Map.of("tenant_id", TENANT, "sha256", sha256, "admin", true, "note",
                "the SHA-256 of the lab API key " + madeHow));
    }

    public static Loaded load(Path dataDir) {
        Path keys = dataDir.resolve("api-keys.json");
        Optional<String> fresh = Optional.empty();
        String sha;
        try {
            if (Files.exists(keys)) {
                JsonNode node = MAPPER.readTree(keys.toFile());
                sha = node.path("sha256").asText();
                if (!sha.matches("[0-9a-f]{64}")) {
                    throw new ConfigException(keys + ": sha256 is missing or malformed; delete the file to make a new key");
                }
            } else {
                String key = Secrets.newApiKey();
                sha = Secrets.sha256Hex(key);
                Secrets.writePrivate(keys, keyFile(sha, "printed at first start"));
                fresh = Optional.of(key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the lab API key in " + keys, e);
        }
        RoutingTable routes = RoutingTable.of(
                new Route(ResourceKind.ANALYTICS_STORE, "sqlite", Map.of("path", "northstar.db")),
                new Route(ResourceKind.TABULAR_STORE, "sqlite", Map.of("path", "northstar.db")),
                new Route(ResourceKind.OBJECT_STORE, "filesystem", Map.of("root", "objects")));
        ServiceConfig config = new ServiceConfig(ServiceConfig.DEFAULT_HOST, ServiceConfig.DEFAULT_PORT,
                dataDir.toAbsolutePath().normalize(), "dev", URI.create("http://127.0.0.1:" + ServiceConfig.DEFAULT_PORT),
                ServiceConfig.DEFAULT_MAX_JSON_BODY, Duration.ofSeconds(30),
                List.of(new TenantConfig(TENANT, Mode.LAB, "default", List.of(new ApiKeyConfig("lab", sha, true)))),
                routes);
        return new Loaded(config, fresh);
    }
}
