package northstar.adapters.persistence.dynamodb;

import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.profiles.ProfileFile;
import northstar.domain.routing.Route;
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

    private DynamoDbClients() {
    }

    static DynamoDbClient build(Route route) {
        return build(DynamoDbSettings.parse(route));
    }

    static DynamoDbClient build(DynamoDbSettings s) {
        IGNORE_ENVIRONMENT_ENDPOINTS.run();
        var builder = DynamoDbClient.builder()
                .region(Region.of(s.region()))
                .fipsEnabled(false)
                .dualstackEnabled(false)
                .credentialsProvider(credentials(s))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(s.connectTimeout())
                        .socketTimeout(s.socketTimeout()))
                .overrideConfiguration(o -> o
                        .defaultProfileFile(NO_PROFILE)
                        .apiCallTimeout(s.apiCallTimeout())
                        .apiCallAttemptTimeout(s.attemptTimeout())
                        .retryStrategy(r -> r.maxAttempts(s.maxAttempts())));
        s.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(DynamoDbSettings s) {
        return s.staticKey().<AwsCredentialsProvider>map(k -> StaticCredentialsProvider.create(AwsBasicCredentials.create(
                k.id(), k.secret().reveal()))).orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }
}
