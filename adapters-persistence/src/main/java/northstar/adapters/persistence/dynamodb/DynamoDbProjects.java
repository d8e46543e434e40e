package northstar.adapters.persistence.dynamodb;

import java.util.List;
import java.util.Map;
import northstar.domain.ProjectScope;
import northstar.domain.analytics.AnalyticsRecord;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each tenant's list of projects (one item, a string set that only grows), which a read of every
 * project ({@link ProjectScope#ALL}) follows to each project's own partitions.
 */
final class DynamoDbProjects {
    private final DynamoDbClient client;
    private final String table;
    /** "{tenant}#{project}" already in their tenant's project list (a set only grows). */
    private final java.util.Set<String> listedProjects = java.util.concurrent.ConcurrentHashMap.newKeySet();

    DynamoDbProjects(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    /** Puts each project of these records in its tenant's list, once per process, before its range items. */
    void add(List<AnalyticsRecord> records) {
        for (AnalyticsRecord r : records) {
            String listed = r.tenantId() + "#" + r.projectId();
            if (listedProjects.contains(listed)) {
                continue;
            }
            try {
                client.updateItem(u -> u.tableName(table).key(projectListKey(r.tenantId()))
                        .updateExpression("ADD #projects :p").expressionAttributeNames(Map.of("#projects", "projects"))
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromSs(List.of(r.projectId())))));
            } catch (SdkException e) {
                throw DynamoDbErrors.translate("ingest", e);
            }
            listedProjects.add(listed);
        }
    }

    /** The projects a query reads: the one it names, or every project the tenant's list holds. */
    List<String> of(String tenant, ProjectScope scope) {
        if (!scope.isAll()) {
            return List.of(scope.projectId());
        }
        try {
            var item = client.getItem(g -> g.tableName(table).key(projectListKey(tenant)).consistentRead(true)).item();
            return item == null || !item.containsKey("projects") ? List.of() : item.get("projects").ss();
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("query events", e);
        }
    }

    private static Map<String, AttributeValue> projectListKey(String tenant) {
        return Map.of("pk", AttributeValue.fromS("projects#" + tenant), "sk", AttributeValue.fromS("projects"));
    }
}
