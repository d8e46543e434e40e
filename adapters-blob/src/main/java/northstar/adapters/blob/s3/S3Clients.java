package northstar.adapters.blob.s3;

import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.profiles.ProfileFile;
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

    private S3Clients() {
    }

    record Built(S3Client client, S3Presigner presigner) {
    }

    static Built build(S3Settings s) {
        Region region = Region.of(s.region());
        AwsCredentialsProvider credentials = s.staticKey().<AwsCredentialsProvider>map(k -> StaticCredentialsProvider
                .create(AwsBasicCredentials.create(k.id(), k.secret().reveal())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        S3Configuration service = S3Configuration.builder().pathStyleAccessEnabled(s.pathStyle()).build();
        IGNORE_ENVIRONMENT_ENDPOINTS.run();
        var client = S3Client.builder().region(region).fipsEnabled(false).dualstackEnabled(false)
                .credentialsProvider(credentials).serviceConfiguration(service)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(s.connectTimeout())
                        .socketTimeout(s.socketTimeout()))
                .overrideConfiguration(o -> o
                        .defaultProfileFile(NO_PROFILE)
                        .apiCallAttemptTimeout(s.attemptTimeout())
                        .retryStrategy(r -> r.maxAttempts(s.maxAttempts())));
        var presigner = S3Presigner.builder().region(region).fipsEnabled(false).dualstackEnabled(false)
                .credentialsProvider(credentials)
                .serviceConfiguration(service);
        s.endpoint().ifPresent(endpoint -> {
            client.endpointOverride(endpoint);
            presigner.endpointOverride(endpoint);
        });
        return new Built(client.build(), presigner.build());
    }
}
