package northstar.adapters.persistence.dynamodb;

import java.net.URI;
import software.amazon.awssdk.profiles.ProfileFile;
import northstar.domain.routing.Route;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the one DynamoDB client of a route from its settings alone: region (mandatory: nothing
 * falls back to the environment), the endpoint (the route's, else the region's own, named
 * explicitly so that no AWS_ENDPOINT_URL* of the process can redirect it), and its credentials:
 * the route's static keys, or the provider chain bootstrap hands over when the route names
 * {@code default}. Timeouts and retries are set explicitly. Nothing here changes the JVM (no system
 * property is set), so embedding the library leaves the host's other AWS clients as they were.
 */
final class DynamoDbClients {
    /** No setting of the client may come from ~/.aws/config: an empty profile file. */
    static final ProfileFile NO_PROFILE = ProfileFile.aggregator().build();

    private DynamoDbClients() {
    }

    static DynamoDbClient build(Route route) {
        return build(DynamoDbSettings.parse(route), null);
    }

    /** @param chain the provider chain a route naming credentials default uses (built by bootstrap), else null */
    static DynamoDbClient build(DynamoDbSettings s, AwsCredentialsProvider chain) {
        Region region = Region.of(s.region());
        return DynamoDbClient.builder()
                .region(region)
                .fipsEnabled(false)
                .dualstackEnabled(false)
                .endpointOverride(s.endpoint().orElseGet(() -> regional(region)))
                .credentialsProvider(credentials(s, chain))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(s.connectTimeout())
                        .socketTimeout(s.socketTimeout()))
                .overrideConfiguration(o -> o
                        .defaultProfileFile(NO_PROFILE)
                        .apiCallTimeout(s.apiCallTimeout())
                        .apiCallAttemptTimeout(s.attemptTimeout())
                        .retryStrategy(r -> r.maxAttempts(s.maxAttempts())))
                .build();
    }

    /** DynamoDB's regional endpoint, https://dynamodb.{region}.{partition's domain}. */
    static URI regional(Region region) {
        var metadata = region.metadata();
        String domain = metadata == null ? "amazonaws.com" : metadata.partition().dnsSuffix();
        return URI.create("https://dynamodb." + region.id() + "." + domain);
    }

    private static AwsCredentialsProvider credentials(DynamoDbSettings s, AwsCredentialsProvider chain) {
        if (s.staticKey().isPresent()) {
            var k = s.staticKey().get();
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(k.id(), k.secret().reveal()));
        }
        if (chain == null) {
            throw new IllegalArgumentException("a route naming credentials default needs the provider chain bootstrap builds");
        }
        return chain;
    }
}
