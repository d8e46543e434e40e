package northstar.adapters.persistence.dynamodb;

import java.util.Map;
import java.util.UUID;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.testkit.LocalServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Routes and tables on a dynalite server: each test gets a table of its own. */
final class Dynalite {
    private Dynalite() {
    }

    static Route route(LocalServer server, ResourceKind kind, String table) {
        return new Route(kind, "dynamodb", Map.of("table_name", table, "region", "eu-west-1", "endpoint",
                server.endpoint(), "credentials", "static", "access_key_id", "test", "secret_access_key", "test"));
    }

    /** A new, empty analytics table: key (pk, sk) and the by_run index (gsi1pk, gsi1sk), created and active. */
    static Route newAnalyticsTable(LocalServer server) {
        String table = "analytics_" + UUID.randomUUID().toString().replace("-", "");
        Route route = route(server, ResourceKind.ANALYTICS_STORE, table);
        try (DynamoDbClient client = DynamoDbClients.build(route)) {
            client.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attribute("pk"), attribute("sk"), attribute("gsi1pk"), attribute("gsi1sk"))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .globalSecondaryIndexes(g -> g.indexName(DynamoDbAnalyticsStore.RUN_INDEX)
                            .keySchema(key("gsi1pk", KeyType.HASH), key("gsi1sk", KeyType.RANGE))
                            .projection(p -> p.projectionType(ProjectionType.ALL))));
            client.waiter().waitUntilTableExists(r -> r.tableName(table));
        }
        return route;
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    /** A new, empty table with the tabular key schema (pk, sk), created and active. */
    static Route newTabularTable(LocalServer server) {
        String table = "tabular_" + UUID.randomUUID().toString().replace("-", "");
        Route route = route(server, ResourceKind.TABULAR_STORE, table);
        try (DynamoDbClient client = DynamoDbClients.build(route)) {
            client.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
            client.waiter().waitUntilTableExists(r -> r.tableName(table));
        }
        return route;
    }
}
