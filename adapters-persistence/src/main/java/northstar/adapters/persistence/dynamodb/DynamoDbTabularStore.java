package northstar.adapters.persistence.dynamodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import northstar.adapters.persistence.document.Increments;
import northstar.domain.Cursors;
import northstar.domain.DocumentValues;
import northstar.domain.ErrorCode;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.Retry;
import northstar.domain.StoreException;
import northstar.domain.routing.Route;
import northstar.domain.tabular.TabularItem;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TableRef;
import northstar.domain.tabular.TabularStore;
import northstar.domain.tabular.WriteCondition;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The TabularStore on one DynamoDB table (config.table_name): partition key {@code pk} =
 * {@code {tenant}#{table}}, sort key {@code sk} = the item key, the document in the map attribute
 * {@code a}, the version in {@code v}. Every write is one conditional UpdateItem or DeleteItem, so
 * conditions hold under concurrency with no transaction; listing is a Query on the sort key, never a
 * scan. An increment reads the item's ceiling, then adds under the condition that the ceiling is
 * unchanged and the field is at most ceiling - amount (DynamoDB conditions cannot add).
 */
public final class DynamoDbTabularStore implements TabularStore {
    public static final String TYPE = "dynamodb";
    private static final String LIST = "d1";

    private final DynamoDbClient client;
    private final String table;

    public DynamoDbTabularStore(Route route) {
        this(DynamoDbSettings.parse(route));
    }

    public DynamoDbTabularStore(DynamoDbSettings settings) {
        this(settings, null);
    }

    /** @param chain the AWS provider chain a route naming credentials default uses (built by bootstrap), else null */
    public DynamoDbTabularStore(DynamoDbSettings settings, software.amazon.awssdk.auth.credentials.AwsCredentialsProvider chain) {
        this(DynamoDbClients.build(settings, chain), settings.tableName());
        if (settings.createTable()) {
            try {
                DynamoDbTables.ensureTabular(client, table);
            } catch (SdkException e) {
                client.close();
                throw DynamoDbErrors.translate("create table", e);
            }
        }
    }

    DynamoDbTabularStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public String backendType() {
        return TYPE;
    }

    private static Map<String, AttributeValue> key(TabularKey k) {
        return Map.of("pk", AttributeValue.fromS(k.tenantId() + "#" + k.table()), "sk", AttributeValue.fromS(k.key()));
    }

    @Override
    public Optional<TabularItem> get(TabularKey key) {
        try {
            var item = client.getItem(r -> r.tableName(table).key(key(key)).consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item(key, item));
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("get item", e);
        }
    }

    private static TabularItem item(TabularKey key, Map<String, AttributeValue> item) {
        return new TabularItem(key, DynamoDbDocuments.fromMap(item.get("a")), Long.parseLong(item.get("v").n()));
    }

    @Override
    public TabularItem put(TabularKey key, Map<String, Object> attributes, WriteCondition condition) {
        Map<String, Object> attrs = DocumentValues.copyMap("attributes", attributes);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":a", DynamoDbDocuments.toMap(attrs),
                ":zero", AttributeValue.fromN("0"), ":one", AttributeValue.fromN("1")));
        UpdateItemRequest.Builder r = UpdateItemRequest.builder().tableName(table).key(key(key))
                .updateExpression("SET a = :a, v = if_not_exists(v, :zero) + :one").returnValues(ReturnValue.ALL_NEW);
        switch (condition) {
            case WriteCondition.None n -> {
            }
            case WriteCondition.IfAbsent a -> r.conditionExpression("attribute_not_exists(pk)");
            case WriteCondition.IfVersion v -> {
                r.conditionExpression("v = :expected");
                values.put(":expected", AttributeValue.fromN(Long.toString(v.version())));
            }
        }
        try {
            return item(key, client.updateItem(r.expressionAttributeValues(values).build()).attributes());
        } catch (ConditionalCheckFailedException e) {
            throw condition instanceof WriteCondition.IfAbsent
                    ? new StoreException(ErrorCode.ALREADY_EXISTS, "dynamodb", "item " + key.key() + " already exists",
                    false, e)
                    : new StoreException(ErrorCode.FAILED_PRECONDITION, "dynamodb", "item " + key.key()
                    + " is not at the expected version", false, e);
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("put item", e);
        }
    }

    @Override
    public boolean delete(TabularKey key, WriteCondition condition) {
        if (condition instanceof WriteCondition.IfAbsent) {
            throw StoreException.invalid("condition", "a delete cannot require the item to be absent");
        }
        try {
            var result = client.deleteItem(r -> {
                r.tableName(table).key(key(key)).returnValues(ReturnValue.ALL_OLD);
                if (condition instanceof WriteCondition.IfVersion v) {
                    r.conditionExpression("v = :expected")
                            .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(v.version()))));
                }
            });
            return result.attributes() != null && !result.attributes().isEmpty();
        } catch (ConditionalCheckFailedException e) {
            throw new StoreException(ErrorCode.FAILED_PRECONDITION, "dynamodb", "item " + key.key()
                    + " is not at the expected version", false, e);
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("delete item", e);
        }
    }

    @Override
    public Page<TabularItem> list(TableRef ref, String keyPrefix, PageRequest page) {
        String tenantId = ref.tenantId();
        String tableName = ref.table();
        String prefix = keyPrefix == null ? "" : keyPrefix;
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(tenantId + "#" + tableName)));
        String condition = "pk = :pk";
        if (!prefix.isEmpty()) {
            condition += " AND begins_with(sk, :prefix)";
            values.put(":prefix", AttributeValue.fromS(prefix));
        }
        String after = page.cursor() == null ? null : Cursors.decode(LIST, page.cursor(), 1).getFirst();
        String keyCondition = condition;
        try {
            List<TabularItem> items = new ArrayList<>();
            Map<String, AttributeValue> start = after == null ? null
                    : Map.of("pk", values.get(":pk"), "sk", AttributeValue.fromS(after));
            // ask for one more than the page: its presence says whether another page follows
            while (items.size() <= page.limit()) {
                Map<String, AttributeValue> from = start;
                QueryResponse q = client.query(r -> r.tableName(table).keyConditionExpression(keyCondition)
                        .expressionAttributeValues(values).consistentRead(true).limit(page.limit() + 1 - items.size())
                        .exclusiveStartKey(from));
                for (var it : q.items()) {
                    items.add(item(new TabularKey(tenantId, tableName, it.get("sk").s()), it));
                }
                if (q.lastEvaluatedKey() == null || q.lastEvaluatedKey().isEmpty()) {
                    break;
                }
                start = q.lastEvaluatedKey();
            }
            if (items.size() > page.limit()) {
                List<TabularItem> shown = items.subList(0, page.limit());
                return new Page<>(shown, Optional.of(Cursors.encode(LIST, shown.getLast().key().key())));
            }
            return Page.last(items);
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("list items", e);
        }
    }

    @Override
    public TabularItem increment(TabularKey key, String field, double amount, String ceilingField,
                                 Map<String, Object> alsoSet, String unlessPresent, java.util.Set<String> alsoRemove) {
        Map<String, Object> extra = Increments.extra(amount, alsoSet);
        java.util.Set<String> remove = Increments.removals(field, unlessPresent, alsoRemove, extra);
        return Retry.untilWon(Retry.CONFLICTS, () -> {
            TabularItem current = get(key).orElseThrow(() -> StoreException.notFound("item " + key.key()));
            Increments.check(current, field, amount, ceilingField, unlessPresent, TYPE);
            Double ceiling = ceilingField == null ? null : current.number(ceilingField);
            try {
                return Optional.of(item(key, client.updateItem(update(key, field, amount, ceilingField, ceiling, current,
                        extra, unlessPresent, remove)).attributes()));
            } catch (ConditionalCheckFailedException e) {
                // the ceiling changed, another increment took the room or applied this one first (unlessPresent),
                // or the item went: look again
                return Optional.<TabularItem>empty();
            } catch (SdkException e) {
                throw DynamoDbErrors.translate("increment", e);
            }
        }, () -> new StoreException(ErrorCode.UNAVAILABLE, "dynamodb", "increment of " + key.key()
                + " kept racing a change of its ceiling; retry", true, null));
    }

    private UpdateItemRequest update(TabularKey key, String field, double amount, String ceilingField, Double ceiling,
                                     TabularItem current, Map<String, Object> extra, String unlessPresent,
                                     java.util.Set<String> remove) {
        Map<String, String> names = new HashMap<>(Map.of("#f", field));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":amount", DynamoDbDocuments.toValue(amount),
                ":zero", AttributeValue.fromN("0"), ":one", AttributeValue.fromN("1")));
        StringBuilder set = new StringBuilder("SET a.#f = if_not_exists(a.#f, :zero) + :amount, v = v + :one");
        int i = 0;
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            names.put("#x" + i, e.getKey());
            values.put(":x" + i, DynamoDbDocuments.toValue(e.getValue()));
            set.append(", a.#x").append(i).append(" = :x").append(i);
            i++;
        }
        int r = 0;
        StringBuilder removal = new StringBuilder();
        for (String attribute : remove) {
            names.put("#r" + r, attribute);
            removal.append(r == 0 ? " REMOVE " : ", ").append("a.#r").append(r);
            r++;
        }
        set.append(removal);
        String condition = "attribute_exists(pk)";
        if (unlessPresent != null) {
            names.put("#once", unlessPresent);
            condition += " AND attribute_not_exists(a.#once)";
        }
        if (ceilingField != null) {
            names.put("#c", ceilingField);
            if (ceiling == null) {
                condition += " AND attribute_not_exists(a.#c)";
            } else {
                values.put(":ceiling", DynamoDbDocuments.toValue(current.attributes().get(ceilingField)));
                values.put(":max", DynamoDbDocuments.toValue(ceiling - amount));
                condition += " AND a.#c = :ceiling AND (attribute_not_exists(a.#f) OR a.#f <= :max)";
            }
        }
        return UpdateItemRequest.builder().tableName(table).key(key(key)).updateExpression(set.toString())
                .conditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW).build();
    }

    @Override
    public void probe() {
        DynamoDbTables.probe(client, table);
    }

    @Override
    public void close() {
        client.close();
    }
}
