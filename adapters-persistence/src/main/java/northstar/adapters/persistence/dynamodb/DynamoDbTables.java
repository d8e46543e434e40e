package northstar.adapters.persistence.dynamodb;

import java.time.Duration;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The tables' schemas, in one place. With {@code create_table: true} in a route's config the
 * adapter creates its table when it is missing (on-demand billing) and waits until it is active:
 * for development and tests. Production tables are provisioned with the same schema beforehand
 * (docs/AWS.md) and the flag stays off.
 */
final class DynamoDbTables {
    private DynamoDbTables() {
    }

    static void ensureTabular(DynamoDbClient client, String table) {
        ensure(client, base(table).build());
    }

    static void ensureAnalytics(DynamoDbClient client, String table) {
        ensure(client, base(table)
                .attributeDefinitions(attribute("pk"), attribute("sk"), attribute("gsi1pk"), attribute("gsi1sk"))
                .globalSecondaryIndexes(g -> g.indexName(DynamoDbAnalyticsStore.RUN_INDEX)
                        .keySchema(key("gsi1pk", KeyType.HASH), key("gsi1sk", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)))
                .build());
    }

    private static CreateTableRequest.Builder base(String table) {
        return CreateTableRequest.builder().tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk"), attribute("sk"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE));
    }

    private static void ensure(DynamoDbClient client, CreateTableRequest request) {
        try {
            client.describeTable(r -> r.tableName(request.tableName()));
            return;
        } catch (ResourceNotFoundException missing) {
            // create it below
        }
        try {
            client.createTable(request);
        } catch (ResourceInUseException createdMeanwhile) {
            // another process created it: wait for it like for our own
        }
        // the SDK's default waiter looks again only after 20 s: a table that was still CREATING at the first
        // look (DynamoDB takes seconds) held its route's start 20 s; this one looks every half second
        // (not closed: closing a waiter built on a given client is not documented to leave the client open)
        DynamoDbWaiter.builder().client(client).overrideConfiguration(WaiterOverrideConfiguration.builder()
                .backoffStrategy(FixedDelayBackoffStrategy.create(TABLE_POLL)).waitTimeout(TABLE_WAIT).build()).build()
                .waitUntilTableExists(r -> r.tableName(request.tableName()));
    }

    static final Duration TABLE_POLL = Duration.ofMillis(500);
    static final Duration TABLE_WAIT = Duration.ofMinutes(5);

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    /** Describes the table: the route's readiness. */
    static void probe(DynamoDbClient client, String table) {
        try {
            client.describeTable(r -> r.tableName(table));
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw DynamoDbErrors.translate("probe", e);
        }
    }
}
