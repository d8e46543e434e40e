package northstar.bootstrap;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import northstar.adapters.blob.filesystem.FilesystemObjectStore;
import northstar.adapters.blob.filesystem.FilesystemPresigner;
import northstar.adapters.blob.filesystem.FilesystemSettings;
import northstar.adapters.blob.azure.AzureBlobSettings;
import northstar.adapters.blob.gcs.GcsSettings;
import northstar.adapters.blob.s3.S3Settings;
import northstar.adapters.persistence.cosmos.CosmosSettings;
import northstar.adapters.persistence.dynamodb.DynamoDbSettings;
import northstar.adapters.persistence.firestore.FirestoreSettings;
import northstar.adapters.persistence.sqlite.SqliteSettings;
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

    /**
     * Each backend type's settings parse: the one place a route's config is read, strictly (a key no
     * setting reads, a malformed number, a switch that is not true/false are refused, naming the key).
     */
    private static final Map<String, java.util.function.Consumer<Route>> SETTINGS = Map.of(
            SqliteBackends.TYPE, SqliteSettings::parse,
            DynamoDbAnalyticsStore.TYPE, DynamoDbSettings::parse,
            FirestoreAnalyticsStore.TYPE, FirestoreSettings::parse,
            CosmosAnalyticsStore.TYPE, r -> {
                CosmosSettings.parse(r);
                AzureCredentials.forRoute(r);
            },
            FilesystemObjectStore.TYPE, FilesystemSettings::parse,
            S3ObjectStore.TYPE, S3Settings::parse,
            AzureBlobObjectStore.TYPE, r -> {
                AzureBlobSettings.parse(r);
                AzureCredentials.forRoute(r);
            },
            GcsObjectStore.TYPE, GcsSettings::parse);

    /**
     * Parses a route's settings as its backend will, without opening anything: what is wrong with
     * them, or empty (also for a backend type this build does not have, reported apart).
     */
    public static Optional<String> settingsProblem(Route route) {
        var parse = SETTINGS.get(route.backendType());
        if (parse == null) {
            return Optional.empty();
        }
        try {
            parse.accept(route);
            return Optional.empty();
        } catch (RouteConfigurationException e) {
            String m = e.getMessage();
            String prefix = route.describe() + ": ";
            return Optional.of(m.startsWith(prefix) ? m.substring(prefix.length()) : m);
        }
    }

    public static BackendCatalog catalog(Clock clock) {
        return catalog(clock, northstar.domain.Telemetry.NONE);
    }

    /** @param telemetry where the embedded stores report their group commits */
    public static BackendCatalog catalog(Clock clock, northstar.domain.Telemetry telemetry) {
        SqliteBackends sqlite = new SqliteBackends(telemetry);
        return new BackendCatalog()
                .analytics(SqliteBackends.TYPE, sqlite::analytics)
                .tabular(SqliteBackends.TYPE, sqlite::tabular)
                .analytics(DynamoDbAnalyticsStore.TYPE, r -> {
                    DynamoDbSettings s = DynamoDbSettings.parse(r);
                    return new DynamoDbAnalyticsStore(s, AwsCredentialsFor.chain(s.staticKey()));
                })
                .tabular(DynamoDbTabularStore.TYPE, r -> {
                    DynamoDbSettings s = DynamoDbSettings.parse(r);
                    return new DynamoDbTabularStore(s, AwsCredentialsFor.chain(s.staticKey()));
                })
                .analytics(FirestoreAnalyticsStore.TYPE, r -> {
                    FirestoreSettings s = FirestoreSettings.parse(r);
                    return new FirestoreAnalyticsStore(s, google(r, s), r.describe());
                })
                .tabular(FirestoreTabularStore.TYPE, r -> {
                    FirestoreSettings s = FirestoreSettings.parse(r);
                    return new FirestoreTabularStore(s, google(r, s), r.describe());
                })
                .analytics(CosmosAnalyticsStore.TYPE, r -> new CosmosAnalyticsStore(CosmosSettings.parse(r),
                        AzureCredentials.forRoute(r), r.describe()))
                .tabular(CosmosTabularStore.TYPE, r -> new CosmosTabularStore(CosmosSettings.parse(r),
                        AzureCredentials.forRoute(r), r.describe()))
                .objects(FilesystemObjectStore.TYPE, route -> filesystem(route, clock))
                .objects(S3ObjectStore.TYPE, r -> {
                    S3Settings s = S3Settings.parse(r);
                    return new S3ObjectStore(s, AwsCredentialsFor.chain(s.staticKey()));
                })
                .objects(AzureBlobObjectStore.TYPE, r -> new AzureBlobObjectStore(AzureBlobSettings.parse(r),
                        AzureCredentials.forRoute(r), r.describe()))
                .objects(GcsObjectStore.TYPE, r -> {
                    GcsSettings s = GcsSettings.parse(r);
                    return new GcsObjectStore(s, GoogleCredentialsFor.of(r.describe(), Optional.of(s.credentials()),
                            s.keyFile()), r.describe());
                });
    }

    private static com.google.auth.oauth2.GoogleCredentials google(Route route, FirestoreSettings s) {
        return GoogleCredentialsFor.of(route.describe(), s.credentials(), s.keyFile());
    }

    static FilesystemObjectStore filesystem(Route route, Clock clock) {
        FilesystemSettings s = FilesystemSettings.parse(route);
        return new FilesystemObjectStore(s.root(), new FilesystemPresigner(s.presignKey(), s.publicBaseUrl(), clock));
    }
}
