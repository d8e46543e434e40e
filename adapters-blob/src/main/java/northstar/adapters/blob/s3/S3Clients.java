package northstar.adapters.blob.s3;

import java.net.URI;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 client and presigner of a route, from its settings alone: bucket, region (mandatory), the
 * endpoint (the route's, else the region's own, named explicitly so that no AWS_ENDPOINT_URL* of
 * the process can redirect it), path_style, the route's static keys or the provider chain bootstrap
 * hands over for credentials {@code default}, explicit timeouts and retries. Nothing here changes
 * the JVM: no system property is set.
 */
final class S3Clients {
    /** No setting of the client may come from ~/.aws/config: an empty profile file. */
    static final ProfileFile NO_PROFILE = ProfileFile.aggregator().build();

    private S3Clients() {
    }

    record Built(S3Client client, S3Presigner presigner) {
    }

    /** @param chain the provider chain a route naming credentials default uses (built by bootstrap), else null */
    static Built build(S3Settings s, AwsCredentialsProvider chain) {
        Region region = Region.of(s.region());
        AwsCredentialsProvider credentials;
        if (s.staticKey().isPresent()) {
            var k = s.staticKey().get();
            credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(k.id(), k.secret().reveal()));
        } else if (chain != null) {
            credentials = chain;
        } else {
            throw new IllegalArgumentException("a route naming credentials default needs the provider chain bootstrap builds");
        }
        URI endpoint = s.endpoint().orElseGet(() -> regional(region));
        S3Configuration service = S3Configuration.builder().pathStyleAccessEnabled(s.pathStyle()).build();
        var client = S3Client.builder().region(region).fipsEnabled(false).dualstackEnabled(false)
                .endpointOverride(endpoint)
                .credentialsProvider(credentials).serviceConfiguration(service)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(s.connectTimeout())
                        .socketTimeout(s.socketTimeout()))
                .overrideConfiguration(o -> o
                        .defaultProfileFile(NO_PROFILE)
                        .apiCallAttemptTimeout(s.attemptTimeout())
                        .retryStrategy(r -> r.maxAttempts(s.maxAttempts())));
        var presigner = S3Presigner.builder().region(region).fipsEnabled(false).dualstackEnabled(false)
                .endpointOverride(endpoint)
                .credentialsProvider(credentials)
                .serviceConfiguration(service);
        return new Built(client.build(), presigner.build());
    }

    /** S3's regional endpoint, https://s3.{region}.{partition's domain} (buckets by virtual host unless path_style). */
    static URI regional(Region region) {
        var metadata = region.metadata();
        String domain = metadata == null ? "amazonaws.com" : metadata.partition().dnsSuffix();
        return URI.create("https://s3." + region.id() + "." + domain);
    }
}
