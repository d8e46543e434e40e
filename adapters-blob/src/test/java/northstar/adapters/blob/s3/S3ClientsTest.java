package northstar.adapters.blob.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import org.junit.jupiter.api.Test;

/**
 * An S3 client and presigner are configured by their route alone and change nothing of the JVM: no
 * system property is set, and without a route endpoint the region's endpoint is named explicitly
 * (buckets by virtual host), which no AWS_ENDPOINT_URL of the process overrides.
 */
class S3ClientsTest {
    private static S3Settings settings(Map<String, String> more) {
        Map<String, String> config = new java.util.HashMap<>(Map.of("bucket", "northstar-raw", "region", "eu-west-1"));
        config.putAll(more);
        return S3Settings.parse(new Route(ResourceKind.OBJECT_STORE, "s3", config));
    }

    @Test
    void buildingLeavesTheJvmsPropertiesAsTheyWereAndPinsTheRegionalEndpoint() {
        Properties before = (Properties) System.getProperties().clone();

        S3Clients.Built built = S3Clients.build(settings(Map.of("credentials", "static", "access_key_id", "a",
                "secret_access_key", "s")), null);
        try (var client = built.client(); var presigner = built.presigner()) {
            assertThat(client.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("https://s3.eu-west-1.amazonaws.com"));
            String url = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket("northstar-raw").key("a.bin"))).url().toString();
            assertThat(url).startsWith("https://northstar-raw.s3.eu-west-1.amazonaws.com/a.bin?");
        }

        assertThat(System.getProperties()).isEqualTo(before);
    }

    @Test
    void aRouteNamingTheDefaultChainGetsItFromBootstrap() {
        assertThatThrownBy(() -> S3Clients.build(settings(Map.of("credentials", "default")), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrap");
    }
}
