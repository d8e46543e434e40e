package northstar.bootstrap;

import java.net.URI;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import northstar.adapters.blob.filesystem.FilesystemObjectStore;
import northstar.adapters.blob.filesystem.FilesystemPresigner;
import northstar.adapters.blob.azure.AzureBlobObjectStore;
import northstar.adapters.blob.gcs.GcsObjectStore;
import northstar.adapters.blob.s3.S3ObjectStore;
import northstar.adapters.persistence.cosmos.CosmosAnalyticsStore;
import northstar.adapters.persistence.cosmos.CosmosTabularStore;
import northstar.adapters.persistence.dynamodb.DynamoDbAnalyticsStore;
import northstar.adapters.persistence.firestore.FirestoreAnalyticsStore;
import northstar.adapters.persistence.firestore.FirestoreTabularStore;
import northstar.adapters.persistence.dynamodb.DynamoDbTabularStore;
import northstar.adapters.persistence.sqlite.SqliteBackends;
import northstar.application.routing.BackendCatalog;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;

/** Every backend type this build can serve, by resource kind, built from route config alone. */
public final class BackendTypes {
    private BackendTypes() {
    }

    private static final Set<String> AWS = Set.of("region", "credentials", "access_key_id", "secret_access_key", "endpoint",
            "connect_timeout_ms", "socket_timeout_ms", "attempt_timeout_ms", "max_attempts");
    private static final Set<String> AZURE_CREDENTIAL = Set.of("credential", "tenant_id", "client_id", "client_secret",
            "authority_host");

    /**
     * Every setting each backend type reads, declared in one place: a route's config may hold these
     * and nothing else, so a misspelt key stops startup instead of silently leaving its default.
     */
    static final Map<String, Set<String>> SETTINGS = Map.of(
            "sqlite", Set.of("path"),
            "dynamodb", union(AWS, Set.of("table_name", "shards", "create_table", "api_call_timeout_ms")),
            "firestore", Set.of("project", "credentials", "key_file", "emulator_host", "database", "collection",
                    "shards", "ttl_days", "call_timeout_ms"),
            "cosmos", union(AZURE_CREDENTIAL, Set.of("endpoint", "key", "connection_string", "database", "container",
                    "create_container", "ttl_days", "ingest_concurrency", "request_timeout_seconds", "max_throttle_retries",
                    "max_connections")),
            "filesystem", Set.of("root", "public_base_url", "presign_secret"),
            "s3", union(AWS, Set.of("bucket", "path_style", "part_size_mb", "create_bucket")),
            "azure_blob", union(AZURE_CREDENTIAL, Set.of("container", "connection_string", "endpoint", "block_size_mb",
                    "create_container", "attempt_timeout_ms", "connect_timeout_ms", "max_attempts")),
            "gcs", Set.of("project", "project_id", "bucket", "credentials", "key_file", "endpoint", "chunk_size_mb",
                    "create_bucket", "api_call_timeout_ms", "max_attempts"));

    /** Settings that are switches: "true" or "false", nothing else. */
    static final Set<String> SWITCHES = Set.of("create_table", "create_bucket", "create_container", "path_style");

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /**
     * What is wrong with one setting of a route of this backend type: a key it does not read, or a
     * switch that is not true/false; empty when nothing is (or the type is unknown, reported apart).
     */
    public static java.util.Optional<String> settingProblem(String backendType, String key, String value) {
        Set<String> known = SETTINGS.get(backendType);
        if (known == null) {
            return java.util.Optional.empty();
        }
        if (!known.contains(key)) {
            return java.util.Optional.of("is not a setting of backend_type " + backendType + " (its settings: "
                    + String.join(", ", new java.util.TreeSet<>(known)) + ")");
        }
        if (SWITCHES.contains(key) && !value.equals("true") && !value.equals("false")) {
            return java.util.Optional.of("must be true or false");
        }
        return java.util.Optional.empty();
    }

    public static BackendCatalog catalog(Clock clock) {
        SqliteBackends sqlite = new SqliteBackends();
        return new BackendCatalog()
                .analytics(SqliteBackends.TYPE, sqlite::analytics)
                .tabular(SqliteBackends.TYPE, sqlite::tabular)
                .analytics(DynamoDbAnalyticsStore.TYPE, DynamoDbAnalyticsStore::new)
                .tabular(DynamoDbTabularStore.TYPE, DynamoDbTabularStore::new)
                .analytics(FirestoreAnalyticsStore.TYPE, r -> new FirestoreAnalyticsStore(r, GoogleCredentialsFor.route(r)))
                .tabular(FirestoreTabularStore.TYPE, r -> new FirestoreTabularStore(r, GoogleCredentialsFor.route(r)))
                .analytics(CosmosAnalyticsStore.TYPE, r -> new CosmosAnalyticsStore(r, AzureCredentials.forRoute(r)))
                .tabular(CosmosTabularStore.TYPE, r -> new CosmosTabularStore(r, AzureCredentials.forRoute(r)))
                .objects(FilesystemObjectStore.TYPE, route -> filesystem(route, clock))
                .objects(S3ObjectStore.TYPE, S3ObjectStore::new)
                .objects(AzureBlobObjectStore.TYPE, r -> new AzureBlobObjectStore(r, AzureCredentials.forRoute(r)))
                .objects(GcsObjectStore.TYPE, r -> new GcsObjectStore(r, GoogleCredentialsFor.route(r)));
    }

    /**
     * config: root (directory), public_base_url (where presigned URLs point: this service),
     * presign_secret (hex, at least 32 bytes).
     */
    static FilesystemObjectStore filesystem(Route route, Clock clock) {
        byte[] secret;
        try {
            secret = HexFormat.of().parseHex(route.require("presign_secret"));
        } catch (IllegalArgumentException e) {
            throw new RouteConfigurationException(route.describe() + ": config.presign_secret must be hex");
        }
        if (secret.length < 32) {
            throw new RouteConfigurationException(route.describe() + ": config.presign_secret must hold at least 32 bytes");
        }
        URI base;
        try {
            base = URI.create(route.require("public_base_url"));
        } catch (IllegalArgumentException e) {
            throw new RouteConfigurationException(route.describe() + ": config.public_base_url is not a URL");
        }
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
            throw new RouteConfigurationException(route.describe() + ": config.public_base_url must be http(s)");
        }
        return new FilesystemObjectStore(java.nio.file.Path.of(route.require("root")),
                new FilesystemPresigner(secret, base, clock));
    }
}
