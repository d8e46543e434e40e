package northstar.adapters.blob.s3;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.profiles.ProfileFile;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 client and presigner of a route, from its config alone: bucket, region (mandatory),
 * optional endpoint and path_style, an explicit credentials choice (static keys, or the SDK's
 * default chain only when named), explicit timeouts and retries. Nothing from the environment.
 */
final class S3Clients {
    /**
     * No setting of the client may come from outside the route: not from ~/.aws/config (an empty
     * profile file), nor FIPS or dual-stack switches (set explicitly), nor AWS_ENDPOINT_URL* (the
     * SDK's own switch, a system property, tells it to ignore endpoint URLs configured elsewhere; a
     * route's endpoint is an explicit override and still applies).
     */
    static final ProfileFile NO_PROFILE = ProfileFile.aggregator().build();
    static final Runnable IGNORE_ENVIRONMENT_ENDPOINTS = () ->
            System.setProperty(SdkSystemSetting.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS.property(), "true");

    /** The longest any timeout of a route may be: ten minutes. */
    private static final long MAX_MILLIS = 600_000;

    private S3Clients() {
    }

    record Built(S3Client client, S3Presigner presigner) {
    }

    static Built build(Route route) {
        Region region = Region.of(route.require("region"));
        AwsCredentialsProvider credentials = credentials(route);
        S3Configuration service = S3Configuration.builder()
                .pathStyleAccessEnabled(Boolean.parseBoolean(route.optional("path_style",
                        route.config().containsKey("endpoint") ? "true" : "false"))).build();
        URI endpoint = endpoint(route);
        IGNORE_ENVIRONMENT_ENDPOINTS.run();
        var client = S3Client.builder().region(region).fipsEnabled(false).dualstackEnabled(false)
                .credentialsProvider(credentials).serviceConfiguration(service)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofMillis(route.number("connect_timeout_ms", 2000, 1, MAX_MILLIS)))
                        .socketTimeout(Duration.ofMillis(route.number("socket_timeout_ms", 30_000, 1, MAX_MILLIS))))
                .overrideConfiguration(o -> o
                        .defaultProfileFile(NO_PROFILE)
                        .apiCallAttemptTimeout(Duration.ofMillis(route.number("attempt_timeout_ms", 60_000, 1, MAX_MILLIS)))
                        .retryStrategy(r -> r.maxAttempts((int) route.number("max_attempts", 3, 1, 10))));
        var presigner = S3Presigner.builder().region(region).fipsEnabled(false).dualstackEnabled(false)
                .credentialsProvider(credentials)
                .serviceConfiguration(service);
        if (endpoint != null) {
            client.endpointOverride(endpoint);
            presigner.endpointOverride(endpoint);
        }
        return new Built(client.build(), presigner.build());
    }

    private static URI endpoint(Route route) {
        String e = route.config().get("endpoint");
        if (e == null) {
            return null;
        }
        try {
            return URI.create(e);
        } catch (IllegalArgumentException bad) {
            throw new RouteConfigurationException(route.describe() + ": config.endpoint is not a URL");
        }
    }

    private static AwsCredentialsProvider credentials(Route route) {
        return switch (route.require("credentials")) {
            case "static" -> StaticCredentialsProvider.create(AwsBasicCredentials.create(route.require("access_key_id"),
                    route.require("secret_access_key")));
            case "default" -> DefaultCredentialsProvider.builder().build();
            default -> throw new RouteConfigurationException(route.describe()
                    + ": config.credentials must be static or default");
        };
    }
}
