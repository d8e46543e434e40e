package northstar.bootstrap;

import java.net.URI;
import java.time.Clock;
import java.util.HexFormat;
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
