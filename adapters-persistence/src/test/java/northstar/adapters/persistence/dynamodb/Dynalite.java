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
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Routes and tables on a dynalite server: each test gets a table of its own. */
final class Dynalite {
    private Dynalite() {
    }

    static Route route(LocalServer server, ResourceKind kind, String table) {
        return new Route(kind, "dynamodb", Map.of("table_name", table, "region", "eu-west-1", "endpoint",
                server.endpoint(), "credentials", "static", "access_key_id", "test", "secret_access_key", "test"));
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
