package northstar.adapters.persistence.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Properties;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import org.junit.jupiter.api.Test;

/**
 * A DynamoDB client is configured by its route alone and changes nothing of the JVM it runs in: no
 * system property is set (the monolith's own AWS clients keep theirs), and without a route endpoint
 * the region's endpoint is named explicitly, which no AWS_ENDPOINT_URL of the process overrides.
 */
class DynamoDbClientsTest {
    private static DynamoDbSettings settings(Map<String, String> more) {
        Map<String, String> config = new java.util.HashMap<>(Map.of("table_name", "t", "region", "eu-west-1"));
        config.putAll(more);
        return DynamoDbSettings.parse(new Route(ResourceKind.TABULAR_STORE, "dynamodb", config));
    }

    @Test
    void buildingAClientLeavesTheJvmsPropertiesAsTheyWereAndPinsTheRegionalEndpoint() {
        Properties before = (Properties) System.getProperties().clone();

        try (var client = DynamoDbClients.build(settings(Map.of("credentials", "static", "access_key_id", "a",
                "secret_access_key", "s")), null)) {
            assertThat(client.serviceClientConfiguration().endpointOverride())
                    .contains(URI.create("https://dynamodb.eu-west-1.amazonaws.com"));
        }

        assertThat(System.getProperties()).isEqualTo(before);
        assertThat(DynamoDbClients.regional(software.amazon.awssdk.regions.Region.CN_NORTH_1))
                .isEqualTo(URI.create("https://dynamodb.cn-north-1.amazonaws.com.cn"));
    }

    @Test
    void aRouteNamingTheDefaultChainGetsItFromBootstrapNotFromTheAdapter() {
        assertThatThrownBy(() -> DynamoDbClients.build(settings(Map.of("credentials", "default")), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrap");
        var handed = software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("chain", "secret"));
        try (var client = DynamoDbClients.build(settings(Map.of("credentials", "default")), handed)) {
            assertThat(client.serviceClientConfiguration().credentialsProvider().resolveIdentity().join().accessKeyId())
                    .isEqualTo("chain");
        }
    }
}
