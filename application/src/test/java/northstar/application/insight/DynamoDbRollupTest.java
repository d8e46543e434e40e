package northstar.application.insight;

import java.util.Map;
import java.util.UUID;
import northstar.adapters.persistence.dynamodb.DynamoDbAnalyticsStore;
import northstar.adapters.persistence.dynamodb.DynamoDbTabularStore;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.tabular.TabularStore;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The rollup kit on DynamoDB, against dynalite; tables of its own. */
class DynamoDbRollupTest extends RollupContract {
    static LocalServer dynalite;

    @BeforeAll
    static void startDynalite() {
        dynalite = LocalServer.dynalite();
    }

    @AfterAll
    static void stopDynalite() {
        dynalite.close();
    }

    private static Route route(ResourceKind kind, String prefix) {
        return new Route(kind, "dynamodb", Map.of("table_name", prefix + UUID.randomUUID().toString().replace("-", ""),
                "region", "eu-west-1", "endpoint", dynalite.endpoint(), "credentials", "static", "access_key_id", "test",
                "secret_access_key", "test", "create_table", "true"));
    }

    @Override
    protected AnalyticsStore newAnalyticsStore(java.nio.file.Path dir) {
        return new DynamoDbAnalyticsStore(route(ResourceKind.ANALYTICS_STORE, "analytics_"));
    }

    @Override
    protected TabularStore newTabularStore(java.nio.file.Path dir) {
        return new DynamoDbTabularStore(route(ResourceKind.TABULAR_STORE, "tabular_"));
    }

    @Override
    protected String backendType() {
        return "dynamodb";
    }
}
