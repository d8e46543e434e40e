package northstar.adapters.persistence.dynamodb;

import static northstar.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.analytics.IngestResult;
import northstar.testkit.AnalyticsStoreContract;
import northstar.testkit.Fixtures;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The AnalyticsStore contract on DynamoDB, against dynalite started by the test on 127.0.0.1. */
class DynamoDbAnalyticsStoreTest extends AnalyticsStoreContract {
    static LocalServer dynalite;
    private northstar.domain.routing.Route route;

    @BeforeAll
    static void startDynalite() {
        dynalite = LocalServer.dynalite();
    }

    @AfterAll
    static void stopDynalite() {
        dynalite.close();
    }

    @Override
    protected AnalyticsStore newStore() {
        route = Dynalite.newAnalyticsTable(dynalite);
        return new DynamoDbAnalyticsStore(route);
    }

    @Test
    void aRetryRestoresARangeItemLostBetweenTheTwoWrites() {
        AnalyticsRecord r = Fixtures.record("crashy", "evt-1", T0);
        store.ingest(List.of(r));
        String table = route.require("table_name");
        try (DynamoDbClient client = DynamoDbClients.build(route)) {
            var items = client.scan(s -> s.tableName(table)).items();
            var rangeItem = items.stream().filter(i -> i.get("pk").s().startsWith("analytics#")).findFirst().orElseThrow();
            client.deleteItem(d -> d.tableName(table).key(java.util.Map.of("pk", rangeItem.get("pk"), "sk",
                    rangeItem.get("sk"))));
        }
        assertThat(store.query("crashy", northstar.domain.ProjectScope.of("project-1"), new northstar.domain.analytics.AnalyticsQuery(T0, T0.plusSeconds(1),
                java.util.Optional.empty(), java.util.Optional.empty(), northstar.domain.PageRequest.first(10))).items())
                .isEmpty();

        assertThat(store.ingest(List.of(r))).containsExactly(new IngestResult.Existing(r));

        assertThat(store.query("crashy", northstar.domain.ProjectScope.of("project-1"), new northstar.domain.analytics.AnalyticsQuery(T0, T0.plusSeconds(1),
                java.util.Optional.empty(), java.util.Optional.empty(), northstar.domain.PageRequest.first(10))).items())
                .containsExactly(r);
    }

    @Test
    void oneTenantsEventsSpreadOverSeveralPartitions() {
        List<AnalyticsRecord> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            burst.add(Fixtures.record("bursty", "evt-" + i, T0.plusMillis(i)));
        }
        store.ingest(burst);
        try (DynamoDbClient client = DynamoDbClients.build(route)) {
            long partitions = client.scan(s -> s.tableName(route.require("table_name"))).items().stream()
                    .map(i -> i.get("pk")).map(AttributeValue::s).filter(pk -> pk.startsWith("analytics#bursty#"))
                    .distinct().count();
            assertThat(partitions).isEqualTo(8);
        }
    }
}
