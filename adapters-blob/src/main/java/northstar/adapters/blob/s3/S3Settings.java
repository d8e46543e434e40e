package northstar.adapters.blob.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteSettings;

/**
 * Everything an {@code s3} route's config says, parsed once and strictly ({@link #parse}).
 *
 * @param pathStyle path-style addressing; default on when an endpoint is given (local servers,
 *                  S3-compatible stores), off for AWS itself
 * @param staticKey access_key_id and secret_access_key with credentials static; empty with default
 * @param partSize  bytes of one multipart part (part_size_mb, 5-512, default 8)
 */
public record S3Settings(String bucket, String region, Optional<URI> endpoint, boolean pathStyle,
                         Optional<RouteSettings.StaticKey> staticKey, Duration connectTimeout,
                         Duration socketTimeout, Duration attemptTimeout, int maxAttempts, int partSize,
                         boolean createBucket) {
    static final long MAX_MILLIS = 600_000;

    public static S3Settings parse(Route route) {
        RouteSettings s = RouteSettings.of(route);
        String bucket = s.text("bucket");
        String region = s.text("region");
        Optional<RouteSettings.StaticKey> key = s.staticOrDefault("credentials", "access_key_id", "secret_access_key");
        Optional<URI> endpoint = s.url("endpoint");
        S3Settings settings = new S3Settings(bucket, region, endpoint,
                s.flag("path_style", endpoint.isPresent()), key,
                s.millis("connect_timeout_ms", 2000, MAX_MILLIS), s.millis("socket_timeout_ms", 30_000, MAX_MILLIS),
                s.millis("attempt_timeout_ms", 60_000, MAX_MILLIS), s.integer("max_attempts", 3, 1, 10),
                // S3's part limits: at least 5 MiB (but for the last), and we keep one part in memory
                s.integer("part_size_mb", 8, 5, 512) * 1024 * 1024, s.flag("create_bucket", false));
        s.done();
        return settings;
    }
}
