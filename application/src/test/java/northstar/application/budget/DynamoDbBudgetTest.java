package northstar.application.budget;

import java.util.Map;
import java.util.UUID;
import northstar.adapters.persistence.dynamodb.DynamoDbTabularStore;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.tabular.TabularStore;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The budget kit on DynamoDB, against dynalite; each test a table of its own. */
class DynamoDbBudgetTest extends BudgetContract {
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
        return new DynamoDbTabularStore(new Route(ResourceKind.TABULAR_STORE, "dynamodb", Map.of("table_name",
                "budgets_" + UUID.randomUUID().toString().replace("-", ""), "region", "eu-west-1", "endpoint",
                dynalite.endpoint(), "credentials", "static", "access_key_id", "test", "secret_access_key", "test",
                "create_table", "true")));
    }

    @Override
    protected String backendType() {
        return "dynamodb";
    }
}
