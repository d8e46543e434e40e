package northstar.bench;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosPatchItemRequestOptions;
import com.azure.cosmos.models.CosmosPatchOperations;
import com.azure.cosmos.models.PartitionKey;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutures;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldPath;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import com.google.cloud.firestore.Precondition;
import com.google.cloud.firestore.WriteResult;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import northstar.adapters.blob.azure.AzureBlobObjectStore;
import northstar.adapters.blob.gcs.GcsObjectStore;
import northstar.adapters.blob.s3.S3ObjectStore;
import northstar.adapters.persistence.cosmos.CosmosAnalyticsStore;
import northstar.adapters.persistence.cosmos.CosmosTabularStore;
import northstar.adapters.persistence.dynamodb.DynamoDbAnalyticsStore;
import northstar.adapters.persistence.dynamodb.DynamoDbTabularStore;
import northstar.adapters.persistence.firestore.FirestoreAnalyticsStore;
import northstar.adapters.persistence.firestore.FirestoreTabularStore;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.objects.ObjectStore;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TabularStore;
import northstar.testkit.servers.LocalServer;
import northstar.testkit.servers.ServiceAccountKeys;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

/**
 * The baseline of {@link AdapterBench}: for each cloud backend, the adapter under test on a local
 * server, and the same requests written directly against the raw SDK, as a user of that SDK would
 * write them (items, documents and bodies built by hand from the same inputs, the answers read back
 * into plain values). The raw side builds its client with the same transport the adapter uses.
 */
final class RawSdks {
    private RawSdks() {
    }

    /** The requests of each measured operation, sent with the SDK alone. */
    interface Raw {
        default void ingest(List<AnalyticsRecord> events) throws Exception {
            throw new UnsupportedOperationException();
        }

        default Optional<Map<String, Object>> item(TabularKey key) throws Exception {
            throw new UnsupportedOperationException();
        }

        default Map<String, Object> increment(TabularKey key, String field, long amount, String ceiling)
                throws Exception {
            throw new UnsupportedOperationException();
        }

        default void put(String path, byte[] body) throws Exception {
            throw new UnsupportedOperationException();
        }

        default InputStream read(String path) throws Exception {
            throw new UnsupportedOperationException();
        }
    }

    record Backend(String name, AnalyticsStore analytics, TabularStore tabular, ObjectStore objects, Raw raw,
                   List<AutoCloseable> closers) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            for (AutoCloseable c : closers.reversed()) {
                c.close();
            }
        }
    }

    static Backend open(String name, Path dir) throws Exception {
        List<AutoCloseable> closers = new ArrayList<>();
        try {
            return switch (name) {
                case "dynamodb" -> dynamo(closers);
                case "cosmos" -> cosmos(closers);
                case "firestore" -> firestore(closers);
                case "s3" -> s3(dir, closers);
                case "azure_blob" -> azure(dir, closers);
                case "gcs" -> gcs(dir, closers);
                default -> throw new IllegalArgumentException(name);
            };
        } catch (Exception | Error e) {
            for (AutoCloseable c : closers.reversed()) {
                c.close();
            }
            throw e;
        }
    }

    private static final ExecutorService VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();

    private static void awaitAll(List<? extends Future<?>> futures) throws Exception {
        for (Future<?> f : futures) {
            f.get();
        }
    }

    private static String micros16(AnalyticsRecord r) {
        String s = Long.toString(AnalyticsRecord.epochMicros(r.timestamp()));
        return "0".repeat(16 - s.length()) + s;
    }

    /** The event's fields as a plain map, what a user of a document SDK hands it. */
    private static Map<String, Object> fields(AnalyticsRecord r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("analytics_id", r.analyticsId());
        d.put("tenant_id", r.tenantId());
        d.put("mode", r.mode().wireName());
        d.put("project_id", r.projectId());
        d.put("app", r.dimensions().app());
        d.put("surface", r.dimensions().surface());
        d.put("platform", r.dimensions().platform().wireName());
        d.put("session_id", r.dimensions().sessionId());
        d.put("request_id", r.dimensions().requestId());
        d.put("run_id", r.dimensions().runId());
        d.put("step_id", r.dimensions().stepId());
        d.put("utm_source", r.utm().source());
        d.put("utm_medium", r.utm().medium());
        d.put("utm_campaign", r.utm().campaign());
        d.put("payload", r.payload());
        d.put("status", r.status().wireName());
        d.put("timestamp", r.timestamp().toString());
        d.put("created_at", r.createdAt().toString());
        return d;
    }

    private static String sha256Hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    // ---- DynamoDB ----------------------------------------------------------------------------------

    private static Backend dynamo(List<AutoCloseable> closers) {
        LocalServer server = LocalServer.dynalite();
        closers.add(server);
        Route analytics = awsRoute(server, ResourceKind.ANALYTICS_STORE);
        Route tabular = awsRoute(server, ResourceKind.TABULAR_STORE);
        DynamoDbAnalyticsStore events = new DynamoDbAnalyticsStore(analytics);
        closers.add(events);
        DynamoDbTabularStore items = new DynamoDbTabularStore(tabular);
        closers.add(items);
        DynamoDbClient client = DynamoDbClient.builder().region(Region.EU_WEST_1)
                .endpointOverride(URI.create(server.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        closers.add(client);
        String eventsTable = analytics.require("table_name");
        String itemsTable = tabular.require("table_name");
        return new Backend("dynamodb", events, items, null, new Raw() {
            @Override
            public void ingest(List<AnalyticsRecord> batch) throws Exception {
                List<Future<?>> guards = new ArrayList<>();
                List<Map<String, AttributeValue>> ranges = new ArrayList<>();
                for (AnalyticsRecord r : batch) {
                    AttributeValue doc = AttributeValue.fromM(attributes(fields(r)));
                    Map<String, AttributeValue> guard = new HashMap<>();
                    guard.put("pk", AttributeValue.fromS("event#" + r.tenantId() + "#" + r.analyticsId()));
                    guard.put("sk", AttributeValue.fromS("event"));
                    guard.put("doc", doc);
                    guards.add(VIRTUAL.submit(() -> client.putItem(p -> p.tableName(eventsTable).item(guard)
                            .conditionExpression("attribute_not_exists(pk)"))));
                    String micros = micros16(r);
                    Map<String, AttributeValue> range = new HashMap<>();
                    range.put("pk", AttributeValue.fromS("analytics#" + r.tenantId() + "#" + r.projectId() + "#"
                            + Math.floorMod(r.analyticsId().hashCode(), 8)));
                    range.put("sk", AttributeValue.fromS(micros + "#" + r.analyticsId()));
                    range.put("doc", doc);
                    range.put("app", AttributeValue.fromS(r.dimensions().app()));
                    range.put("platform", AttributeValue.fromS(r.dimensions().platform().wireName()));
                    range.put("gsi1pk", AttributeValue.fromS("run#" + r.tenantId() + "#" + r.projectId() + "#"
                            + r.dimensions().runId()));
                    range.put("gsi1sk", AttributeValue.fromS(r.stepSortKey() + "#" + micros + "#" + r.analyticsId()));
                    ranges.add(range);
                }
                awaitAll(guards);
                for (int from = 0; from < ranges.size(); from += 25) {
                    List<WriteRequest> writes = ranges.subList(from, Math.min(ranges.size(), from + 25)).stream()
                            .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build())
                            .toList();
                    Map<String, List<WriteRequest>> pending = Map.of(eventsTable, writes);
                    while (!pending.isEmpty()) {
                        Map<String, List<WriteRequest>> send = pending;
                        pending = client.batchWriteItem(b -> b.requestItems(send)).unprocessedItems();
                    }
                }
            }

            @Override
            public Optional<Map<String, Object>> item(TabularKey key) {
                var item = client.getItem(g -> g.tableName(itemsTable).key(itemKey(key)).consistentRead(true)).item();
                return item == null || item.isEmpty() ? Optional.empty() : Optional.of(plain(item.get("a").m()));
            }

            @Override
            public Map<String, Object> increment(TabularKey key, String field, long amount, String ceiling) {
                var current = client.getItem(g -> g.tableName(itemsTable).key(itemKey(key)).consistentRead(true))
                        .item();
                AttributeValue limit = current.get("a").m().get(ceiling);
                long max = Long.parseLong(limit.n()) - amount;
                var updated = client.updateItem(u -> u.tableName(itemsTable).key(itemKey(key))
                        .updateExpression("SET a.#f = if_not_exists(a.#f, :zero) + :amount, v = v + :one")
                        .conditionExpression("attribute_exists(pk) AND a.#c = :ceiling AND (attribute_not_exists(a.#f)"
                                + " OR a.#f <= :max)")
                        .expressionAttributeNames(Map.of("#f", field, "#c", ceiling))
                        .expressionAttributeValues(Map.of(":amount", AttributeValue.fromN(Long.toString(amount)),
                                ":zero", AttributeValue.fromN("0"), ":one", AttributeValue.fromN("1"), ":ceiling", limit,
                                ":max", AttributeValue.fromN(Long.toString(max))))
                        .returnValues(ReturnValue.ALL_NEW));
                return plain(updated.attributes().get("a").m());
            }
        }, closers);
    }

    private static Route awsRoute(LocalServer dynalite, ResourceKind kind) {
        return new Route(kind, "dynamodb", Map.of("table_name", kind.wireName() + "_" + UUID8.next(), "region",
                "eu-west-1", "endpoint", dynalite.endpoint(), "credentials", "static", "access_key_id", "test",
                "secret_access_key", "test", "create_table", "true"));
    }

    private static Map<String, AttributeValue> itemKey(TabularKey k) {
        return Map.of("pk", AttributeValue.fromS(k.tenantId() + "#" + k.table()), "sk", AttributeValue.fromS(k.key()));
    }

    private static Map<String, AttributeValue> attributes(Map<String, Object> m) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k, attribute(v));
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static AttributeValue attribute(Object v) {
        return switch (v) {
            case String s -> AttributeValue.fromS(s);
            case Long l -> AttributeValue.fromN(l.toString());
            case Double d -> AttributeValue.fromN(d.toString());
            case Boolean b -> AttributeValue.fromBool(b);
            case Map<?, ?> m -> AttributeValue.fromM(attributes((Map<String, Object>) m));
            case List<?> l -> AttributeValue.fromL(l.stream().map(RawSdks::attribute).toList());
            default -> throw new IllegalArgumentException(v.getClass().toString());
        };
    }

    private static Map<String, Object> plain(Map<String, AttributeValue> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, plain(v)));
        return out;
    }

    private static Object plain(AttributeValue v) {
        return switch (v.type()) {
            case S -> v.s();
            case N -> v.n().contains(".") ? (Object) Double.parseDouble(v.n()) : (Object) Long.parseLong(v.n());
            case BOOL -> v.bool();
            case M -> plain(v.m());
            case L -> v.l().stream().map(RawSdks::plain).toList();
            default -> null;
        };
    }

    // ---- Cosmos DB ---------------------------------------------------------------------------------

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Backend cosmos(List<AutoCloseable> closers) {
        LocalServer server = LocalServer.cosmos();
        closers.add(server);
        Route analytics = cosmosRoute(server, ResourceKind.ANALYTICS_STORE);
        Route tabular = cosmosRoute(server, ResourceKind.TABULAR_STORE);
        CosmosAnalyticsStore events = new CosmosAnalyticsStore(analytics);
        closers.add(events);
        CosmosTabularStore items = new CosmosTabularStore(tabular);
        closers.add(items);
        CosmosClient client = new CosmosClientBuilder().endpoint(server.cosmosEndpoint())
                .key(LocalServer.COSMOS_EMULATOR_KEY).gatewayMode().contentResponseOnWriteEnabled(true).buildClient();
        closers.add(client::close);
        CosmosContainer eventsContainer = client.getDatabase("northstar").getContainer(analytics.require("container"));
        CosmosContainer itemsContainer = client.getDatabase("northstar").getContainer(tabular.require("container"));
        return new Backend("cosmos", events, items, null, new Raw() {
            @Override
            public void ingest(List<AnalyticsRecord> batch) throws Exception {
                Semaphore permits = new Semaphore(32);
                List<Future<?>> creates = new ArrayList<>();
                for (AnalyticsRecord r : batch) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("id", r.analyticsId());
                    doc.putAll(fields(r));
                    doc.put("ts", AnalyticsRecord.epochMicros(r.timestamp()));
                    doc.put("step_key", r.stepSortKey());
                    creates.add(VIRTUAL.submit(() -> {
                        permits.acquire();
                        try {
                            return eventsContainer.createItem(doc, new PartitionKey(r.tenantId()),
                                    new CosmosItemRequestOptions().setContentResponseOnWriteEnabled(false));
                        } finally {
                            permits.release();
                        }
                    }));
                }
                awaitAll(creates);
            }

            @Override
            @SuppressWarnings("unchecked")
            public Optional<Map<String, Object>> item(TabularKey key) throws Exception {
                ObjectNode node = itemsContainer.readItem(key.table() + ":" + sha256Hex(key.key()),
                        new PartitionKey(key.tenantId()), ObjectNode.class).getItem();
                return Optional.of(JSON.convertValue(node.get("a"), Map.class));
            }

            @Override
            @SuppressWarnings("unchecked")
            public Map<String, Object> increment(TabularKey key, String field, long amount, String ceiling)
                    throws Exception {
                ObjectNode node = itemsContainer.patchItem(key.table() + ":" + sha256Hex(key.key()),
                        new PartitionKey(key.tenantId()), CosmosPatchOperations.create().increment("/a/" + field, amount)
                                .increment("/v", 1L),
                        new CosmosPatchItemRequestOptions().setFilterPredicate("FROM c WHERE c.a." + field + " + "
                                + amount + " <= c.a." + ceiling), ObjectNode.class).getItem();
                return JSON.convertValue(node.get("a"), Map.class);
            }
        }, closers);
    }

    private static Route cosmosRoute(LocalServer cosmos, ResourceKind kind) {
        return new Route(kind, "cosmos", Map.of("endpoint", cosmos.cosmosEndpoint(), "key",
                LocalServer.COSMOS_EMULATOR_KEY, "database", "northstar", "container", kind.wireName() + "-"
                        + UUID8.next(), "create_container", "true"));
    }

    // ---- Firestore ---------------------------------------------------------------------------------

    private static Backend firestore(List<AutoCloseable> closers) {
        LocalServer server = LocalServer.newFirestore();
        closers.add(server);
        String project = "bench-" + UUID8.next();
        Map<String, String> config = Map.of("project", project, "emulator_host", server.hostAndPort());
        FirestoreAnalyticsStore events = new FirestoreAnalyticsStore(new Route(ResourceKind.ANALYTICS_STORE,
                "firestore", config));
        closers.add(events);
        FirestoreTabularStore items = new FirestoreTabularStore(new Route(ResourceKind.TABULAR_STORE, "firestore",
                config));
        closers.add(items);
        Firestore db = FirestoreOptions.newBuilder().setProjectId(project).setEmulatorHost(server.hostAndPort()).build()
                .getService();
        closers.add(db);
        return new Backend("firestore", events, items, null, new Raw() {
            @Override
            public void ingest(List<AnalyticsRecord> batch) throws Exception {
                List<ApiFuture<WriteResult>> creates = new ArrayList<>();
                for (AnalyticsRecord r : batch) {
                    Map<String, Object> doc = fields(r);
                    CRC32 crc = new CRC32();
                    crc.update(r.analyticsId().getBytes(StandardCharsets.UTF_8));
                    doc.put("ts", AnalyticsRecord.epochMicros(r.timestamp()));
                    doc.put("shard", crc.getValue() % 8);
                    doc.put("step_key", r.stepSortKey());
                    String id = HexFormat.of().toHexDigits((byte) crc.getValue()) + "_" + r.analyticsId();
                    creates.add(db.collection("analytics").document(r.tenantId()).collection("events").document(id)
                            .create(doc));
                }
                ApiFutures.allAsList(creates).get();
            }

            @Override
            @SuppressWarnings("unchecked")
            public Optional<Map<String, Object>> item(TabularKey key) throws Exception {
                DocumentSnapshot s = ref(db, key).get().get();
                return s.exists() ? Optional.of((Map<String, Object>) s.get("a")) : Optional.empty();
            }

            @Override
            @SuppressWarnings("unchecked")
            public Map<String, Object> increment(TabularKey key, String field, long amount, String ceiling)
                    throws Exception {
                DocumentSnapshot s = ref(db, key).get().get();
                Map<String, Object> a = new LinkedHashMap<>((Map<String, Object>) s.get("a"));
                long used = ((Number) a.get(field)).longValue();
                if (used + amount > ((Number) a.get(ceiling)).longValue()) {
                    throw new IllegalStateException("over the ceiling");
                }
                ref(db, key).update(Precondition.updatedAt(s.getUpdateTime()), FieldPath.of("a", field),
                        FieldValue.increment(amount), FieldPath.of("v"), FieldValue.increment(1)).get();
                a.put(field, used + amount);
                return a;
            }
        }, closers);
    }

    private static com.google.cloud.firestore.DocumentReference ref(Firestore db, TabularKey key) throws Exception {
        return db.collection("tabular").document(key.tenantId()).collection(key.table()).document(sha256Hex(key.key()));
    }

    // ---- S3 ----------------------------------------------------------------------------------------

    private static Backend s3(Path dir, List<AutoCloseable> closers) {
        LocalServer server = LocalServer.s3proxy(dir, Path.of("bootstrap/target/test-servers/s3proxy.jar"));
        closers.add(server);
        String bucket = "b-" + UUID8.next();
        S3ObjectStore store = new S3ObjectStore(new Route(ResourceKind.OBJECT_STORE, "s3", Map.of("bucket", bucket,
                "region", "us-east-1", "endpoint", server.endpoint(), "path_style", "true", "credentials", "static",
                "access_key_id", "test", "secret_access_key", "testsecret", "create_bucket", "true")));
        closers.add(store);
        S3Client client = S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create(server.endpoint()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "testsecret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        closers.add(client);
        return new Backend("s3", null, null, store, new Raw() {
            @Override
            public void put(String path, byte[] body) throws Exception {
                byte[] sha = MessageDigest.getInstance("SHA-256").digest(body);
                client.putObject(p -> p.bucket(bucket).key(path).contentType("application/octet-stream")
                        .contentLength((long) body.length).checksumAlgorithm(ChecksumAlgorithm.SHA256)
                        .checksumSHA256(Base64.getEncoder().encodeToString(sha))
                        .metadata(Map.of("sha256", HexFormat.of().formatHex(sha))), RequestBody.fromBytes(body));
                client.headObject(h -> h.bucket(bucket).key(path));
            }

            @Override
            public InputStream read(String path) {
                return client.getObject(g -> g.bucket(bucket).key(path));
            }
        }, closers);
    }

    // ---- Azure Blob --------------------------------------------------------------------------------

    private static Backend azure(Path dir, List<AutoCloseable> closers) {
        LocalServer server = LocalServer.azurite(dir);
        closers.add(server);
        String container = "c" + UUID8.next();
        AzureBlobObjectStore store = new AzureBlobObjectStore(new Route(ResourceKind.OBJECT_STORE, "azure_blob",
                Map.of("connection_string", server.azuriteConnectionString(), "container", container,
                        "create_container", "true")));
        closers.add(store);
        BlobContainerClient client = new BlobServiceClientBuilder().connectionString(server.azuriteConnectionString())
                .buildClient().getBlobContainerClient(container);
        return new Backend("azure_blob", null, null, store, new Raw() {
            @Override
            public void put(String path, byte[] body) throws Exception {
                byte[] sha = MessageDigest.getInstance("SHA-256").digest(body);
                byte[] md5 = MessageDigest.getInstance("MD5").digest(body);
                BlobClient blob = client.getBlobClient(path);
                blob.getBlockBlobClient().uploadWithResponse(new BlockBlobSimpleUploadOptions(
                        new ByteArrayInputStream(body), body.length)
                        .setHeaders(new BlobHttpHeaders().setContentType("application/octet-stream"))
                        .setMetadata(Map.of("sha256", HexFormat.of().formatHex(sha))).setContentMd5(md5), null, null);
                blob.getProperties();
            }

            @Override
            public InputStream read(String path) {
                BlobClient blob = client.getBlobClient(path);
                blob.getProperties();
                return blob.openInputStream();
            }
        }, closers);
    }

    // ---- Google Cloud Storage ----------------------------------------------------------------------

    private static Backend gcs(Path dir, List<AutoCloseable> closers) throws Exception {
        LocalServer server = LocalServer.gcs(dir);
        closers.add(server);
        ServiceAccountKeys key = ServiceAccountKeys.write(dir.resolve("keys").toAbsolutePath(), "bench",
                server.endpoint() + "/token");
        GoogleCredentials credentials;
        try (var in = java.nio.file.Files.newInputStream(key.file())) {
            credentials = ServiceAccountCredentials.fromStream(in);
        }
        String bucket = "b" + UUID8.next();
        GcsObjectStore store = new GcsObjectStore(new Route(ResourceKind.OBJECT_STORE, "gcs", Map.of("project", "bench",
                "bucket", bucket, "credentials", "service_account", "key_file", key.file().toString(), "endpoint",
                server.endpoint(), "create_bucket", "true")), credentials);
        closers.add(store);
        Storage storage = StorageOptions.http().setProjectId("bench").setCredentials(credentials)
                .setHost(server.endpoint()).build().getService();
        closers.add(storage);
        return new Backend("gcs", null, null, store, new Raw() {
            @Override
            public void put(String path, byte[] body) throws Exception {
                byte[] sha = MessageDigest.getInstance("SHA-256").digest(body);
                CRC32C crc = new CRC32C();
                crc.update(body);
                BlobInfo info = BlobInfo.newBuilder(BlobId.of(bucket, path)).setContentType("application/octet-stream")
                        .setMetadata(Map.of("sha256", HexFormat.of().formatHex(sha)))
                        .setCrc32c(Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4)
                                .putInt((int) crc.getValue()).array()))
                        .build();
                storage.createFrom(info, new ByteArrayInputStream(body), body.length,
                        Storage.BlobWriteOption.crc32cMatch());
            }

            @Override
            public InputStream read(String path) {
                Blob b = storage.get(BlobId.of(bucket, path));
                return Channels.newInputStream(storage.reader(BlobId.of(bucket, b.getName(), b.getGeneration())));
            }
        }, closers);
    }

    /** Eight hex digits of a random UUID: names of tables, containers and buckets of one run. */
    static final class UUID8 {
        static String next() {
            return java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        }
    }
}
