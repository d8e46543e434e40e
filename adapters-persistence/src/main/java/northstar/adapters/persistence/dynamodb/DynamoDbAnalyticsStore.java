package northstar.adapters.persistence.dynamodb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import northstar.adapters.persistence.document.AnalyticsDocuments;
import northstar.adapters.persistence.document.IngestBatches;
import northstar.domain.Cursors;
import northstar.domain.ErrorCode;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.ProjectScope;
import northstar.domain.StoreException;
import northstar.domain.analytics.AnalyticsQuery;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.analytics.EventBatch;
import northstar.domain.analytics.IngestResult;
import northstar.domain.routing.Route;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The AnalyticsStore on one DynamoDB table (config.table_name; key design in docs/AWS.md).
 *
 * <ul>
 * <li>Guard item {@code pk = event#{tenant}#{id}, sk = event}: written first with
 * attribute_not_exists, it makes ingest create-if-absent on the id and serves get by id.</li>
 * <li>Range item {@code pk = analytics#{tenant}#{project}#{shard}, sk = {micros:16}#{id}}: the
 * shard is the id's hash modulo config.shards (default 8), so one project's burst spreads over as
 * many partitions; a range query is one Query per shard, merged in (timestamp, id) order. A
 * project's query reads that project's partitions only.</li>
 * <li>GSI {@code by_run}: {@code gsi1pk = run#{tenant}#{project}#{run}, gsi1sk = {step key}#{micros}#{id}}
 * on range items of events with a run: the run's events in step order, one Query.</li>
 * <li>Project list {@code pk = projects#{tenant}, sk = projects}: a string set of the projects that
 * have events, added to before a project's first range item is written, so a query of all projects
 * ({@link ProjectScope#ALL}) reads it and then each project's partitions, merged.</li>
 * </ul>
 * The range item is written after its guard; if a crash comes between, the event's retry (same id)
 * finds the guard and writes the range item again, so an acknowledged event is always queryable.
 */
public final class DynamoDbAnalyticsStore implements AnalyticsStore {
    public static final String TYPE = "dynamodb";
    static final String RUN_INDEX = "by_run";
    private static final String RANGE = "q1";
    private static final String RUN = "r1";
    private static final int BATCH_WRITE = 25;
    /** Resends of a batch's unprocessed items: 11 sends at most, paced from 10 ms to 500 ms, within 10 s. */
    private static final northstar.domain.Retry.Policy UNPROCESSED = new northstar.domain.Retry.Policy(11,
            java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(500), java.time.Duration.ofSeconds(10));

    private final DynamoDbClient client;
    private final String table;
    private final int shards;
    private final ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor();
    private final DynamoDbProjects projectLists;

    public DynamoDbAnalyticsStore(Route route) {
        this(DynamoDbSettings.parse(route));
    }

    public DynamoDbAnalyticsStore(DynamoDbSettings settings) {
        this(settings, null);
    }

    /** @param chain the AWS provider chain a route naming credentials default uses (built by bootstrap), else null */
    public DynamoDbAnalyticsStore(DynamoDbSettings settings, software.amazon.awssdk.auth.credentials.AwsCredentialsProvider chain) {
        this(DynamoDbClients.build(settings, chain), settings.tableName(), settings.shards());
        if (settings.createTable()) {
            try {
                DynamoDbTables.ensureAnalytics(client, table);
            } catch (SdkException e) {
                close();
                throw DynamoDbErrors.translate("create table", e);
            }
        }
    }

    DynamoDbAnalyticsStore(DynamoDbClient client, String table, int shards) {
        this.client = client;
        this.table = table;
        this.projectLists = new DynamoDbProjects(client, table);
        this.shards = shards;
    }

    @Override
    public String backendType() {
        return TYPE;
    }

    /** The timestamp in epoch microseconds, sixteen digits with leading zeros (a sortable string). */
    static String micros(AnalyticsRecord r) {
        return sixteenDigits(AnalyticsRecord.epochMicros(r.timestamp()));
    }

    static String sixteenDigits(long micros) {
        String digits = Long.toString(micros);
        return digits.length() >= 16 ? digits : "0".repeat(16 - digits.length()) + digits;
    }

    private static Map<String, AttributeValue> guardKey(String tenant, String id) {
        return Map.of("pk", AttributeValue.fromS("event#" + tenant + "#" + id), "sk", AttributeValue.fromS("event"));
    }

    private static String shardKey(String tenant, String project, int shard) {
        return "analytics#" + tenant + "#" + project + "#" + shard;
    }

    private static String runKey(String tenant, String project, String run) {
        return "run#" + tenant + "#" + project + "#" + run;
    }

    private int shardOf(String id) {
        return Math.floorMod(id.hashCode(), shards);
    }

    private Map<String, AttributeValue> rangeItem(AnalyticsRecord r, AttributeValue document) {
        Map<String, AttributeValue> item = new HashMap<>();
        String micros = micros(r);
        item.put("pk", AttributeValue.fromS(shardKey(r.tenantId(), r.projectId(), shardOf(r.analyticsId()))));
        item.put("sk", AttributeValue.fromS(micros + "#" + r.analyticsId()));
        item.put("doc", document);
        item.put("app", AttributeValue.fromS(r.dimensions().app()));
        item.put("platform", AttributeValue.fromS(r.dimensions().platform().wireName()));
        if (r.dimensions().runId() != null) {
            item.put("gsi1pk", AttributeValue.fromS(runKey(r.tenantId(), r.projectId(), r.dimensions().runId())));
            item.put("gsi1sk", AttributeValue.fromS(r.stepSortKey() + "#" + micros + "#" + r.analyticsId()));
        }
        return item;
    }

    @Override
    public List<IngestResult> ingest(EventBatch<AnalyticsRecord> batch) {
        List<AnalyticsRecord> records = batch.events();
        // the first record of each id races for its guard; later ones of the same id in this batch are Existing
        List<Integer> firsts = IngestBatches.firsts(records);
        List<Future<IngestResult>> guards = new ArrayList<>();
        List<AttributeValue> documents = new ArrayList<>(firsts.size());
        for (int i : firsts) {
            AnalyticsRecord r = records.get(i);
            AttributeValue document = DynamoDbDocuments.toMap(AnalyticsDocuments.toDocument(r));
            documents.add(document);
            guards.add(parallel.submit(() -> guard(r, document)));
        }
        Map<Integer, IngestResult> byIndex = new HashMap<>();
        List<Map<String, AttributeValue>> rangeItems = new ArrayList<>();
        List<AnalyticsRecord> stored = new ArrayList<>();
        for (int g = 0; g < firsts.size(); g++) {
            IngestResult result = DynamoDbPages.await(guards.get(g), "ingest");
            byIndex.put(firsts.get(g), result);
            // a Stored event needs its range item; an Existing one gets it again, in case a crash lost it
            AttributeValue document = result instanceof IngestResult.Stored ? documents.get(g)
                    : DynamoDbDocuments.toMap(AnalyticsDocuments.toDocument(result.record()));
            rangeItems.add(rangeItem(result.record(), document));
            stored.add(result.record());
        }
        projectLists.add(stored);
        writeAll(rangeItems);
        return IngestBatches.inOrder(records, byIndex);
    }

    private IngestResult guard(AnalyticsRecord r, AttributeValue doc) {
        Map<String, AttributeValue> item = new HashMap<>(guardKey(r.tenantId(), r.analyticsId()));
        item.put("doc", doc);
        try {
            client.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return new IngestResult.Stored(r);
        } catch (ConditionalCheckFailedException e) {
            return new IngestResult.Existing(get(r.tenantId(), r.analyticsId()).orElseThrow(
                    () -> new StoreException(ErrorCode.UNAVAILABLE, "dynamodb", "event " + r.analyticsId()
                            + " exists and vanished", true, e)));
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("ingest", e);
        }
    }

    private void writeAll(List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += BATCH_WRITE) {
            List<WriteRequest> batch = items.subList(from, Math.min(items.size(), from + BATCH_WRITE)).stream()
                    .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build()).toList();
            // unprocessed items (throttled partitions) are sent again after a jittered pause, as AWS advises
            java.util.concurrent.atomic.AtomicReference<Map<String, List<WriteRequest>>> pending =
                    new java.util.concurrent.atomic.AtomicReference<>(Map.of(table, batch));
            try {
                northstar.domain.Retry.untilWon(UNPROCESSED, () -> {
                    Map<String, List<WriteRequest>> left = client.batchWriteItem(b -> b.requestItems(pending.get()))
                            .unprocessedItems();
                    pending.set(left);
                    return left.getOrDefault(table, List.of()).isEmpty() ? Optional.of(Boolean.TRUE) : Optional.empty();
                }, () -> new StoreException(ErrorCode.UNAVAILABLE, "dynamodb", "range items not accepted after "
                        + UNPROCESSED.maxAttempts() + " attempts; retry the ingest", true, null));
            } catch (SdkException e) {
                throw DynamoDbErrors.translate("ingest", e);
            }
        }
    }

    @Override
    public Optional<AnalyticsRecord> get(String tenantId, String analyticsId) {
        try {
            var item = client.getItem(r -> r.tableName(table).key(guardKey(tenantId, analyticsId)).consistentRead(true))
                    .item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(record(item));
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("get event", e);
        }
    }

    static AnalyticsRecord record(Map<String, AttributeValue> item) {
        return AnalyticsDocuments.fromDocument(DynamoDbDocuments.fromMap(item.get("doc")));
    }

    @Override
    public Page<AnalyticsRecord> query(String tenantId, ProjectScope projects, AnalyticsQuery q) {
        String lo = String.format("%016d#", AnalyticsRecord.epochMicros(q.start()));
        // the largest sort key before end: the last micro before it, then any id
        String hi = String.format("%016d#\uffff", AnalyticsRecord.epochMicros(q.end()) - 1);
        if (!q.start().isBefore(q.end())) {
            return Page.last(List.of());
        }
        String after = q.page().cursor() == null ? null : Cursors.decode(RANGE, q.page().cursor(), 1).getFirst();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":lo", AttributeValue.fromS(lo), ":hi",
                AttributeValue.fromS(hi)));
        List<String> filters = new ArrayList<>();
        q.app().ifPresent(a -> {
            filters.add("app = :app");
            values.put(":app", AttributeValue.fromS(a));
        });
        q.platform().ifPresent(p -> {
            filters.add("#platform = :platform");
            names.put("#platform", "platform");
            values.put(":platform", AttributeValue.fromS(p.wireName()));
        });
        int want = q.page().limit() + 1;
        List<Future<List<Map<String, AttributeValue>>>> perShard = new ArrayList<>();
        List<String> partitions = new ArrayList<>();
        for (String project : projectLists.of(tenantId, projects)) {
            for (int s = 0; s < shards; s++) {
                partitions.add(shardKey(tenantId, project, s));
            }
        }
        for (String pk : partitions) {
            perShard.add(parallel.submit(() -> {
                Map<String, AttributeValue> v = new HashMap<>(values);
                v.put(":pk", AttributeValue.fromS(pk));
                QueryRequest.Builder base = QueryRequest.builder().tableName(table)
                        .keyConditionExpression("pk = :pk AND sk BETWEEN :lo AND :hi").expressionAttributeValues(v)
                        .consistentRead(true);
                if (!filters.isEmpty()) {
                    base.filterExpression(String.join(" AND ", filters));
                }
                if (!names.isEmpty()) {
                    base.expressionAttributeNames(names);
                }
                Map<String, AttributeValue> start = after == null ? null
                        : Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(after));
                return DynamoDbPages.collect(client, base, start, want, q.page().maxBytes());
            }));
        }
        List<Map<String, AttributeValue>> merged = new ArrayList<>();
        for (var f : perShard) {
            merged.addAll(DynamoDbPages.await(f, "query"));
        }
        merged.sort(Comparator.comparing(i -> i.get("sk").s()));
        return DynamoDbPages.page(merged, q.page(), i -> Cursors.encode(RANGE, i.get("sk").s()));
    }

    @Override
    public Page<AnalyticsRecord> queryByRun(String tenantId, ProjectScope projects, String runId, PageRequest page) {
        // DynamoDB refuses empty strings in key conditions; every gsi1sk starts above the space
        String after = page.cursor() == null ? " " : Cursors.decode(RUN, page.cursor(), 1).getFirst();
        List<Future<List<Map<String, AttributeValue>>>> perProject = new ArrayList<>();
        for (String project : projectLists.of(tenantId, projects)) {
            QueryRequest.Builder base = QueryRequest.builder().tableName(table).indexName(RUN_INDEX)
                    .keyConditionExpression("gsi1pk = :run AND gsi1sk > :after")
                    .expressionAttributeValues(Map.of(":run", AttributeValue.fromS(runKey(tenantId, project, runId)),
                            ":after", AttributeValue.fromS(after)));
            perProject.add(parallel.submit(() -> DynamoDbPages.collect(client, base, null, page.limit() + 1, page.maxBytes())));
        }
        List<Map<String, AttributeValue>> merged = new ArrayList<>();
        for (var f : perProject) {
            merged.addAll(DynamoDbPages.await(f, "query"));
        }
        // a run's sort key ends in its event's id, unique in the tenant: one order across projects
        merged.sort(Comparator.comparing(i -> i.get("gsi1sk").s()));
        return DynamoDbPages.page(merged, page, i -> Cursors.encode(RUN, i.get("gsi1sk").s()));
    }

    @Override
    public void probe() {
        DynamoDbTables.probe(client, table);
    }

    @Override
    public void close() {
        parallel.shutdown();
        client.close();
    }
}
