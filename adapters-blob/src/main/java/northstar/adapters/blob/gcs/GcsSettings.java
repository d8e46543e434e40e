package northstar.adapters.blob.gcs;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.domain.routing.RouteSettings;

/**
 * Everything a {@code gcs} route's config says, parsed once and strictly ({@link #parse}).
 *
 * @param project     {@code project}, or the design's {@code project_id} (both given must agree)
 * @param credentials service_account (with key_file) or application_default; bootstrap builds them
 * @param endpoint    another Cloud Storage endpoint (a local server): plain http on loopback only
 * @param chunkSize   bytes of one resumable-upload chunk (chunk_size_mb, 1-64, default 4)
 */
public record GcsSettings(String project, String bucket, String credentials, Optional<Path> keyFile,
                          Optional<String> endpoint, int chunkSize, int maxAttempts, Duration apiCallTimeout,
                          boolean createBucket) {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    public static GcsSettings parse(Route route) {
        RouteSettings s = RouteSettings.of(route);
        Optional<String> project = s.optionalText("project");
        Optional<String> projectId = s.optionalText("project_id");
        if (project.isPresent() && projectId.isPresent() && !project.equals(projectId)) {
            throw new RouteConfigurationException(route.describe()
                    + ": config.project and config.project_id name different projects");
        }
        String chosen = project.or(() -> projectId).orElseThrow(() -> new RouteConfigurationException(route.describe()
                + ": config.project is required"));
        if (!s.has("credentials")) {
            throw new RouteConfigurationException(route.describe() + ": config.credentials is required "
                    + "(service_account with config.key_file, or application_default)");
        }
        String credentials = s.choice("credentials", Set.of("service_account", "application_default"));
        Optional<Path> keyFile = s.optionalText("key_file").map(Path::of);
        if (keyFile.isPresent() != credentials.equals("service_account")) {
            throw new RouteConfigurationException(route.describe()
                    + ": config.key_file goes with credentials service_account, and only with it");
        }
        Optional<String> endpoint = s.optionalText("endpoint");
        endpoint.ifPresent(e -> checkEndpoint(route, e));
        GcsSettings settings = new GcsSettings(chosen, s.text("bucket"), credentials, keyFile, endpoint,
                s.integer("chunk_size_mb", 4, 1, 64) * 1024 * 1024, s.integer("max_attempts", 3, 1, 10),
                s.millis("api_call_timeout_ms", 60_000, 600_000), s.flag("create_bucket", false));
        s.done();
        return settings;
    }

    private static void checkEndpoint(Route route, String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (java.net.URISyntaxException e) {
            throw new RouteConfigurationException(route.describe() + ": config.endpoint is not a URL");
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new RouteConfigurationException(route.describe() + ": config.endpoint must be an http(s) URL");
        }
        if ("http".equals(uri.getScheme()) && !LOOPBACK.contains(uri.getHost())) {
            throw new RouteConfigurationException(route.describe() + ": config.endpoint may be plain http only on "
                    + "this machine (127.0.0.1, localhost, ::1): elsewhere its tokens would cross the network in clear");
        }
    }
}
