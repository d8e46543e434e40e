package northstar.adapters.persistence.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.RouteConfigurationException;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TabularStore;
import northstar.testkit.servers.LocalServer;
import northstar.testkit.TabularStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TabularStore contract on DynamoDB, against dynalite started by the test on 127.0.0.1. */
class DynamoDbTabularStoreTest extends TabularStoreContract {
    static LocalServer dynalite;

    @BeforeAll
    static void startDynalite() {
        dynalite = LocalServer.dynalite();
    }

    @AfterAll
    static void stopDynalite() {
        dynalite.close();
    }

    @Override
    protected TabularStore newStore() {
        return new DynamoDbTabularStore(Dynalite.newTabularTable(dynalite));
    }

    @Test
    void aRouteWithoutRegionOrCredentialsChoiceIsRefusedNamingTheField() {
        var noRegion = new northstar.domain.routing.Route(ResourceKind.TABULAR_STORE, "dynamodb",
                Map.of("table_name", "t", "credentials", "static"));
        var noCredentials = new northstar.domain.routing.Route(ResourceKind.TABULAR_STORE, "dynamodb",
                Map.of("table_name", "t", "region", "eu-west-1"));

        assertThatThrownBy(() -> new DynamoDbTabularStore(noRegion)).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("config.region");
        assertThatThrownBy(() -> new DynamoDbTabularStore(noCredentials)).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("config.credentials");
    }

    @Test
    void aMissingTableIsReportedAsAPortableErrorNotAnSdkException() {
        try (var missing = new DynamoDbTabularStore(Dynalite.route(dynalite, ResourceKind.TABULAR_STORE, "no_such_table"))) {
            assertThatThrownBy(missing::probe).isInstanceOfSatisfying(StoreException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
            assertThatThrownBy(() -> missing.get(new TabularKey("t", "things", "k")))
                    .isInstanceOf(StoreException.class);
        }
    }

    @Test
    void theClientTakesNothingFromOutsideTheRoute() {
        try (var client = DynamoDbClients.build(Dynalite.route(dynalite, ResourceKind.TABULAR_STORE, "t"))) {
            var config = client.serviceClientConfiguration();
            assertThat(config.region().id()).isEqualTo("eu-west-1");
            assertThat(config.endpointOverride()).contains(java.net.URI.create(dynalite.endpoint()));
            assertThat(config.overrideConfiguration().defaultProfileFile()).contains(DynamoDbClients.NO_PROFILE);
            assertThat(config.overrideConfiguration().apiCallTimeout()).isPresent();
            assertThat(config.overrideConfiguration().apiCallAttemptTimeout()).isPresent();
            assertThat(System.getProperty("aws.ignoreConfiguredEndpointUrls")).as("no JVM-wide switch").isNull();
        }
    }
}
