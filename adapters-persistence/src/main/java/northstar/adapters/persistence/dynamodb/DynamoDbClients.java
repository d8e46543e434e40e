package northstar.adapters.persistence.dynamodb;

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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the one DynamoDB client of a route from its config alone: region (mandatory: nothing
 * falls back to the environment), optional endpoint, and an explicit credentials choice
 * ({@code credentials: static} with access_key_id and secret_access_key, or {@code credentials:
 * default} for the SDK's provider chain, only when the config names it). Timeouts and retries are
 * set explicitly.
 */
final class DynamoDbClients {
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

    private DynamoDbClients() {
    }

    static DynamoDbClient build(Route route) {
        Region region = Region.of(route.require("region"));
        IGNORE_ENVIRONMENT_ENDPOINTS.run();
        var builder = DynamoDbClient.builder()
                .region(region)
                .fipsEnabled(false)
                .dualstackEnabled(false)
                .credentialsProvider(credentials(route))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofMillis(route.number("connect_timeout_ms", 2000, 1, MAX_MILLIS)))
                        .socketTimeout(Duration.ofMillis(route.number("socket_timeout_ms", 10_000, 1, MAX_MILLIS))))
                .overrideConfiguration(o -> o
                        .defaultProfileFile(NO_PROFILE)
                        .apiCallTimeout(Duration.ofMillis(route.number("api_call_timeout_ms", 15_000, 1, MAX_MILLIS)))
                        .apiCallAttemptTimeout(Duration.ofMillis(route.number("attempt_timeout_ms", 5_000, 1, MAX_MILLIS)))
                        .retryStrategy(r -> r.maxAttempts((int) route.number("max_attempts", 3, 1, 10))));
        String endpoint = route.config().get("endpoint");
        if (endpoint != null) {
            try {
                builder.endpointOverride(URI.create(endpoint));
            } catch (IllegalArgumentException e) {
                throw new RouteConfigurationException(route.describe() + ": config.endpoint is not a URL");
            }
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(Route route) {
        String choice = route.require("credentials");
        return switch (choice) {
            case "static" -> StaticCredentialsProvider.create(AwsBasicCredentials.create(route.require("access_key_id"),
                    route.require("secret_access_key")));
            case "default" -> DefaultCredentialsProvider.builder().build();
            default -> throw new RouteConfigurationException(route.describe()
                    + ": config.credentials must be static or default");
        };
    }
}
