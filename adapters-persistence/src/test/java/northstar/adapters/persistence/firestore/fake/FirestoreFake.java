package northstar.adapters.persistence.firestore.fake;

import com.google.firestore.v1.BatchGetDocumentsRequest;
import com.google.firestore.v1.BatchGetDocumentsResponse;
import com.google.firestore.v1.CommitRequest;
import com.google.firestore.v1.CommitResponse;
import com.google.firestore.v1.Cursor;
import com.google.firestore.v1.Document;
import com.google.firestore.v1.DocumentTransform.FieldTransform;
import com.google.firestore.v1.FirestoreGrpc;
import com.google.firestore.v1.MapValue;
import com.google.firestore.v1.RunQueryRequest;
import com.google.firestore.v1.RunQueryResponse;
import com.google.firestore.v1.StructuredQuery;
import com.google.firestore.v1.Value;
import com.google.firestore.v1.Write;
import com.google.firestore.v1.WriteResult;
import com.google.protobuf.Timestamp;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory Firestore (native mode) gRPC server on 127.0.0.1, for tests: the real Firestore
 * client connects to it as to the emulator (plaintext, FirestoreOptions.setEmulatorHost). It serves
 * what the adapters use, with Firestore's semantics:
 * <ul>
 * <li>Commit: a batch of writes applied atomically (all or none), each an update (whole document,
 * or the fields of an update mask) or a delete, with a precondition (exists, or update_time) checked
 * against the state before the commit and field transforms (increment, server time) applied after
 * the write; ALREADY_EXISTS, NOT_FOUND and FAILED_PRECONDITION as Firestore answers them.</li>
 * <li>BatchGetDocuments: found or missing per name, at the latest state.</li>
 * <li>RunQuery: one collection under a parent; AND of field filters (=, !=, &lt;, &lt;=, &gt;, &gt;=);
 * order by fields then __name__; start/end cursors (before or after); offset; limit. Values
 * compare in Firestore's type order, strings by UTF-8 bytes, numbers across int and double.</li>
 * </ul>
 * Where it differs from Firestore (docs/GOOGLE.md): no index is required or enforced, every query
 * sees the latest committed state, transactions and listeners are not served, and one lock
 * serialises every commit.
 */
public final class FirestoreFake implements AutoCloseable {
    private final Server server;
    private final Store store = new Store();
    private final AtomicInteger commits = new AtomicInteger();
    private final List<StructuredQuery> queries = new java.util.concurrent.CopyOnWriteArrayList<>();

    private FirestoreFake(Server server) {
        this.server = server;
    }

    public static FirestoreFake start() {
        FirestoreFake[] self = new FirestoreFake[1];
        Service service = new Service(() -> self[0]);
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(service).build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("the Firestore fake could not listen on 127.0.0.1", e);
        }
        self[0] = new FirestoreFake(server);
        return self[0];
    }

    /** host:port, the value of a route's emulator_host. */
    public String hostAndPort() {
        return "127.0.0.1:" + server.getPort();
    }

    /** Commits served so far (a measure for tests). */
    public int commits() {
        return commits.get();
    }

    /**
     * Every query served so far. The fake needs no index; tests hold these against the composite
     * indexes the adapters declare (docs/firestore.indexes.json), which Firestore would demand.
     */
    public List<StructuredQuery> queries() {
        return List.copyOf(queries);
    }

    /** The stored document of this name, as the server holds it, or null. */
    public Document document(String name) {
        synchronized (store) {
            Store.Stored s = store.docs.get(name);
            return s == null ? null : s.toDocument(name);
        }
    }

    /** Every stored document whose name starts with prefix. */
    public List<Document> documents(String prefix) {
        synchronized (store) {
            return store.docs.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                    .map(e -> e.getValue().toDocument(e.getKey())).toList();
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Service extends FirestoreGrpc.FirestoreImplBase {
        private final java.util.function.Supplier<FirestoreFake> fake;

        Service(java.util.function.Supplier<FirestoreFake> fake) {
            this.fake = fake;
        }

        @Override
        public void commit(CommitRequest request, StreamObserver<CommitResponse> response) {
            if (!request.getTransaction().isEmpty()) {
                response.onError(Status.UNIMPLEMENTED.withDescription("transactions are not served").asRuntimeException());
                return;
            }
            try {
                CommitResponse r = fake.get().store.commit(request.getWritesList());
                fake.get().commits.incrementAndGet();
                response.onNext(r);
                response.onCompleted();
            } catch (StatusRuntimeException e) {
                response.onError(e);
            }
        }

        @Override
        public void batchGetDocuments(BatchGetDocumentsRequest request,
                                      StreamObserver<BatchGetDocumentsResponse> response) {
            if (request.hasTransaction() || request.hasNewTransaction()) {
                response.onError(Status.UNIMPLEMENTED.withDescription("transactions are not served").asRuntimeException());
                return;
            }
            Store store = fake.get().store;
            List<BatchGetDocumentsResponse> out = new ArrayList<>();
            synchronized (store) {
                Timestamp now = store.now();
                for (String name : request.getDocumentsList()) {
                    Store.Stored s = store.docs.get(name);
                    BatchGetDocumentsResponse.Builder b = BatchGetDocumentsResponse.newBuilder().setReadTime(now);
                    out.add(s == null ? b.setMissing(name).build() : b.setFound(s.toDocument(name)).build());
                }
            }
            out.forEach(response::onNext);
            response.onCompleted();
        }

        @Override
        public void runQuery(RunQueryRequest request, StreamObserver<RunQueryResponse> response) {
            if (request.hasTransaction() || request.hasNewTransaction()) {
                response.onError(Status.UNIMPLEMENTED.withDescription("transactions are not served").asRuntimeException());
                return;
            }
            try {
                fake.get().queries.add(request.getStructuredQuery());
                Store store = fake.get().store;
                List<Document> docs;
                Timestamp now;
                synchronized (store) {
                    now = store.now();
                    docs = Queries.run(store, request.getParent(), request.getStructuredQuery());
                }
                for (Document d : docs) {
                    response.onNext(RunQueryResponse.newBuilder().setDocument(d).setReadTime(now).build());
                }
                response.onNext(RunQueryResponse.newBuilder().setReadTime(now).setDone(true).build());
                response.onCompleted();
            } catch (StatusRuntimeException e) {
                response.onError(e);
            }
        }
    }

    /** The documents, by full name, and the server clock. */
    static final class Store {
        final TreeMap<String, Stored> docs = new TreeMap<>();
        private long lastMicros;

        static final class Stored {
            Map<String, Value> fields;
            Timestamp created;
            Timestamp updated;

            Document toDocument(String name) {
                return Document.newBuilder().setName(name).putAllFields(fields).setCreateTime(created)
                        .setUpdateTime(updated).build();
            }
        }

        /** Strictly increasing server time, to the microsecond. */
        Timestamp now() {
            long micros = Math.max(lastMicros + 1, Instant.now().toEpochMilli() * 1000);
            lastMicros = micros;
            return Timestamp.newBuilder().setSeconds(Math.floorDiv(micros, 1_000_000))
                    .setNanos((int) Math.floorMod(micros, 1_000_000) * 1000).build();
        }

        synchronized CommitResponse commit(List<Write> writes) {
            // every precondition is checked against the state before the commit; then all writes apply
            for (Write w : writes) {
                check(w);
            }
            Timestamp time = now();
            Map<String, Stored> after = new LinkedHashMap<>();
            List<WriteResult> results = new ArrayList<>();
            for (Write w : writes) {
                results.add(apply(w, time, after));
            }
            return CommitResponse.newBuilder().addAllWriteResults(results).setCommitTime(time).build();
        }

        private static String target(Write w) {
            return switch (w.getOperationCase()) {
                case UPDATE -> w.getUpdate().getName();
                case DELETE -> w.getDelete();
                default -> throw Status.INVALID_ARGUMENT.withDescription("unsupported write " + w.getOperationCase())
                        .asRuntimeException();
            };
        }

        private void check(Write w) {
            String name = target(w);
            if (!w.hasCurrentDocument()) {
                return;
            }
            Stored s = docs.get(name);
            var pre = w.getCurrentDocument();
            switch (pre.getConditionTypeCase()) {
                case EXISTS -> {
                    if (pre.getExists() && s == null) {
                        throw Status.NOT_FOUND.withDescription("No document to update: " + name).asRuntimeException();
                    }
                    if (!pre.getExists() && s != null) {
                        throw Status.ALREADY_EXISTS.withDescription("Document already exists: " + name).asRuntimeException();
                    }
                }
                case UPDATE_TIME -> {
                    if (s == null || !s.updated.equals(pre.getUpdateTime())) {
                        throw Status.FAILED_PRECONDITION.withDescription("the stored version does not match the "
                                + "required base version").asRuntimeException();
                    }
                }
                default -> {
                }
            }
        }

        private WriteResult apply(Write w, Timestamp time, Map<String, Stored> touched) {
            String name = target(w);
            if (w.getOperationCase() == Write.OperationCase.DELETE) {
                docs.remove(name);
                return WriteResult.newBuilder().setUpdateTime(time).build();
            }
            Stored old = docs.get(name);
            Map<String, Value> fields;
            if (w.hasUpdateMask()) {
                fields = old == null ? new TreeMap<>() : new TreeMap<>(old.fields);
                for (String path : w.getUpdateMask().getFieldPathsList()) {
                    List<String> segments = FieldPaths.parse(path);
                    Value v = FieldPaths.get(w.getUpdate().getFieldsMap(), segments);
                    if (v == null) {
                        FieldPaths.remove(fields, segments);
                    } else {
                        FieldPaths.set(fields, segments, v);
                    }
                }
            } else {
                fields = new TreeMap<>(w.getUpdate().getFieldsMap());
            }
            WriteResult.Builder result = WriteResult.newBuilder().setUpdateTime(time);
            for (FieldTransform t : w.getUpdateTransformsList()) {
                List<String> segments = FieldPaths.parse(t.getFieldPath());
                Value current = FieldPaths.get(fields, segments);
                Value next = switch (t.getTransformTypeCase()) {
                    case INCREMENT -> Values.add(current, t.getIncrement());
                    case SET_TO_SERVER_VALUE -> Value.newBuilder().setTimestampValue(time).build();
                    default -> throw Status.INVALID_ARGUMENT.withDescription("unsupported transform "
                            + t.getTransformTypeCase()).asRuntimeException();
                };
                FieldPaths.set(fields, segments, next);
                result.addTransformResults(next);
            }
            Stored s = new Stored();
            s.fields = fields;
            s.created = old == null ? time : old.created;
            s.updated = time;
            docs.put(name, s);
            touched.put(name, s);
            return result.build();
        }
    }

    /** Field paths as Firestore writes them: dot-separated, `backquoted` segments for other characters. */
    static final class FieldPaths {
        private FieldPaths() {
        }

        static List<String> parse(String path) {
            List<String> out = new ArrayList<>();
            StringBuilder seg = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < path.length(); i++) {
                char c = path.charAt(i);
                if (quoted) {
                    if (c == '\\' && i + 1 < path.length()) {
                        seg.append(path.charAt(++i));
                    } else if (c == '`') {
                        quoted = false;
                    } else {
                        seg.append(c);
                    }
                } else if (c == '`') {
                    quoted = true;
                } else if (c == '.') {
                    out.add(seg.toString());
                    seg.setLength(0);
                } else {
                    seg.append(c);
                }
            }
            out.add(seg.toString());
            return out;
        }

        static Value get(Map<String, Value> fields, List<String> segments) {
            Value v = fields.get(segments.getFirst());
            for (int i = 1; i < segments.size() && v != null; i++) {
                v = v.getValueTypeCase() == Value.ValueTypeCase.MAP_VALUE ? v.getMapValue().getFieldsMap().get(segments.get(i))
                        : null;
            }
            return v;
        }

        static void set(Map<String, Value> fields, List<String> segments, Value value) {
            if (segments.size() == 1) {
                fields.put(segments.getFirst(), value);
                return;
            }
            Value child = fields.get(segments.getFirst());
            Map<String, Value> inner = child != null && child.getValueTypeCase() == Value.ValueTypeCase.MAP_VALUE
                    ? new TreeMap<>(child.getMapValue().getFieldsMap()) : new TreeMap<>();
            set(inner, segments.subList(1, segments.size()), value);
            fields.put(segments.getFirst(), Value.newBuilder().setMapValue(MapValue.newBuilder().putAllFields(inner)).build());
        }

        static void remove(Map<String, Value> fields, List<String> segments) {
            if (segments.size() == 1) {
                fields.remove(segments.getFirst());
                return;
            }
            Value child = fields.get(segments.getFirst());
            if (child != null && child.getValueTypeCase() == Value.ValueTypeCase.MAP_VALUE) {
                Map<String, Value> inner = new TreeMap<>(child.getMapValue().getFieldsMap());
                remove(inner, segments.subList(1, segments.size()));
                fields.put(segments.getFirst(), Value.newBuilder().setMapValue(MapValue.newBuilder().putAllFields(inner))
                        .build());
            }
        }
    }

    /** Firestore's value order and arithmetic. */
    static final class Values {
        private Values() {
        }

        private static int rank(Value v) {
            return switch (v.getValueTypeCase()) {
                case NULL_VALUE, VALUETYPE_NOT_SET -> 0;
                case BOOLEAN_VALUE -> 1;
                case INTEGER_VALUE, DOUBLE_VALUE -> 2;
                case TIMESTAMP_VALUE -> 3;
                case STRING_VALUE -> 4;
                case BYTES_VALUE -> 5;
                case REFERENCE_VALUE -> 6;
                case GEO_POINT_VALUE -> 7;
                case ARRAY_VALUE -> 8;
                case MAP_VALUE -> 9;
                default -> 10; // pipeline expressions: never stored
            };
        }

        static int compare(Value a, Value b) {
            int ra = rank(a);
            int rb = rank(b);
            if (ra != rb) {
                return Integer.compare(ra, rb);
            }
            return switch (a.getValueTypeCase()) {
                case BOOLEAN_VALUE -> Boolean.compare(a.getBooleanValue(), b.getBooleanValue());
                case INTEGER_VALUE, DOUBLE_VALUE -> compareNumbers(a, b);
                case TIMESTAMP_VALUE -> Comparator.comparingLong(Timestamp::getSeconds).thenComparingInt(Timestamp::getNanos)
                        .compare(a.getTimestampValue(), b.getTimestampValue());
                case STRING_VALUE -> com.google.protobuf.ByteString.unsignedLexicographicalComparator()
                        .compare(a.getStringValueBytes(), b.getStringValueBytes());
                case BYTES_VALUE -> com.google.protobuf.ByteString.unsignedLexicographicalComparator()
                        .compare(a.getBytesValue(), b.getBytesValue());
                case REFERENCE_VALUE -> compareNames(a.getReferenceValue(), b.getReferenceValue());
                case ARRAY_VALUE -> compareLists(a.getArrayValue().getValuesList(), b.getArrayValue().getValuesList());
                case MAP_VALUE -> compareMaps(a.getMapValue().getFieldsMap(), b.getMapValue().getFieldsMap());
                default -> 0;
            };
        }

        private static int compareNumbers(Value a, Value b) {
            if (a.getValueTypeCase() == Value.ValueTypeCase.INTEGER_VALUE
                    && b.getValueTypeCase() == Value.ValueTypeCase.INTEGER_VALUE) {
                return Long.compare(a.getIntegerValue(), b.getIntegerValue());
            }
            return Double.compare(number(a), number(b));
        }

        static double number(Value v) {
            return v.getValueTypeCase() == Value.ValueTypeCase.INTEGER_VALUE ? v.getIntegerValue() : v.getDoubleValue();
        }

        static int compareNames(String a, String b) {
            return compareLists(List.of(a.split("/")).stream().map(s -> Value.newBuilder().setStringValue(s).build()).toList(),
                    List.of(b.split("/")).stream().map(s -> Value.newBuilder().setStringValue(s).build()).toList());
        }

        private static int compareLists(List<Value> a, List<Value> b) {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                int c = compare(a.get(i), b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.size(), b.size());
        }

        private static int compareMaps(Map<String, Value> a, Map<String, Value> b) {
            var ka = new TreeMap<>(a).entrySet().iterator();
            var kb = new TreeMap<>(b).entrySet().iterator();
            while (ka.hasNext() && kb.hasNext()) {
                var ea = ka.next();
                var eb = kb.next();
                int c = ea.getKey().compareTo(eb.getKey());
                if (c == 0) {
                    c = compare(ea.getValue(), eb.getValue());
                }
                if (c != 0) {
                    return c;
                }
            }
            return Boolean.compare(ka.hasNext(), kb.hasNext());
        }

        /** Firestore's increment: integers stay integers (saturating), a double makes a double, a non-number is replaced. */
        static Value add(Value current, Value by) {
            boolean numeric = current != null && (current.getValueTypeCase() == Value.ValueTypeCase.INTEGER_VALUE
                    || current.getValueTypeCase() == Value.ValueTypeCase.DOUBLE_VALUE);
            if (!numeric) {
                return by;
            }
            if (current.getValueTypeCase() == Value.ValueTypeCase.INTEGER_VALUE
                    && by.getValueTypeCase() == Value.ValueTypeCase.INTEGER_VALUE) {
                long a = current.getIntegerValue();
                long b = by.getIntegerValue();
                long sum = a + b;
                if (((a ^ sum) & (b ^ sum)) < 0) {
                    sum = a > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
                }
                return Value.newBuilder().setIntegerValue(sum).build();
            }
            return Value.newBuilder().setDoubleValue(number(current) + number(by)).build();
        }
    }

    /** Structured queries over one collection. */
    static final class Queries {
        private static final String NAME = "__name__";

        private Queries() {
        }

        static List<Document> run(Store store, String parent, StructuredQuery q) {
            if (q.getFromCount() != 1 || q.getFrom(0).getAllDescendants()) {
                throw Status.UNIMPLEMENTED.withDescription("only single-collection queries are served").asRuntimeException();
            }
            String prefix = parent + "/" + q.getFrom(0).getCollectionId() + "/";
            List<StructuredQuery.Order> orders = new ArrayList<>(q.getOrderByList());
            // inequality fields lead the order (as Firestore requires them to), then __name__ breaks ties
            if (orders.stream().noneMatch(o -> o.getField().getFieldPath().equals(NAME))) {
                StructuredQuery.Direction last = orders.isEmpty() ? StructuredQuery.Direction.ASCENDING
                        : orders.getLast().getDirection();
                orders.add(StructuredQuery.Order.newBuilder().setField(StructuredQuery.FieldReference.newBuilder()
                        .setFieldPath(NAME)).setDirection(last).build());
            }
            List<Document> matches = new ArrayList<>();
            for (var e : store.docs.tailMap(prefix).entrySet()) {
                if (!e.getKey().startsWith(prefix)) {
                    break;
                }
                if (e.getKey().indexOf('/', prefix.length()) >= 0) {
                    continue; // a document of a subcollection, not of this collection
                }
                Document d = e.getValue().toDocument(e.getKey());
                if ((!q.hasWhere() || matches(d, q.getWhere())) && hasOrderFields(d, orders)) {
                    matches.add(d);
                }
            }
            matches.sort((a, b) -> compare(a, b, orders));
            List<Document> out = new ArrayList<>();
            int skip = q.getOffset();
            for (Document d : matches) {
                if (q.hasStartAt() && !afterStart(d, q.getStartAt(), orders)) {
                    continue;
                }
                if (q.hasEndAt() && !beforeEnd(d, q.getEndAt(), orders)) {
                    break;
                }
                if (skip > 0) {
                    skip--;
                    continue;
                }
                out.add(d);
                if (q.hasLimit() && out.size() >= q.getLimit().getValue()) {
                    break;
                }
            }
            return out;
        }

        private static Value field(Document d, String path) {
            if (path.equals(NAME)) {
                return Value.newBuilder().setReferenceValue(d.getName()).build();
            }
            return FieldPaths.get(d.getFieldsMap(), FieldPaths.parse(path));
        }

        /** Firestore leaves out documents that lack a field they are ordered by. */
        private static boolean hasOrderFields(Document d, List<StructuredQuery.Order> orders) {
            return orders.stream().allMatch(o -> field(d, o.getField().getFieldPath()) != null);
        }

        private static boolean matches(Document d, StructuredQuery.Filter f) {
            return switch (f.getFilterTypeCase()) {
                case COMPOSITE_FILTER -> {
                    if (f.getCompositeFilter().getOp() != StructuredQuery.CompositeFilter.Operator.AND) {
                        throw Status.UNIMPLEMENTED.withDescription("only AND filters are served").asRuntimeException();
                    }
                    yield f.getCompositeFilter().getFiltersList().stream().allMatch(x -> matches(d, x));
                }
                case FIELD_FILTER -> {
                    var ff = f.getFieldFilter();
                    Value v = field(d, ff.getField().getFieldPath());
                    if (v == null) {
                        yield false;
                    }
                    int c = Values.compare(v, ff.getValue());
                    boolean sameType = rankEquals(v, ff.getValue());
                    yield switch (ff.getOp()) {
                        case EQUAL -> c == 0;
                        case NOT_EQUAL -> c != 0;
                        case LESS_THAN -> sameType && c < 0;
                        case LESS_THAN_OR_EQUAL -> sameType && c <= 0;
                        case GREATER_THAN -> sameType && c > 0;
                        case GREATER_THAN_OR_EQUAL -> sameType && c >= 0;
                        default -> throw Status.UNIMPLEMENTED.withDescription("filter " + ff.getOp() + " is not served")
                                .asRuntimeException();
                    };
                }
                default -> throw Status.UNIMPLEMENTED.withDescription("filter " + f.getFilterTypeCase()
                        + " is not served").asRuntimeException();
            };
        }

        /** Range filters match values of the filter value's type only (numbers: int and double alike). */
        private static boolean rankEquals(Value a, Value b) {
            return typeClass(a) == typeClass(b);
        }

        private static int typeClass(Value v) {
            return switch (v.getValueTypeCase()) {
                case INTEGER_VALUE, DOUBLE_VALUE -> 2;
                default -> v.getValueTypeCase().getNumber() + 100;
            };
        }

        private static int compare(Document a, Document b, List<StructuredQuery.Order> orders) {
            for (StructuredQuery.Order o : orders) {
                String path = o.getField().getFieldPath();
                int c = Values.compare(field(a, path), field(b, path));
                if (c != 0) {
                    return o.getDirection() == StructuredQuery.Direction.DESCENDING ? -c : c;
                }
            }
            return 0;
        }

        /** The document's position against a cursor over the first orders: negative before, 0 at, positive after. */
        private static int position(Document d, Cursor cursor, List<StructuredQuery.Order> orders) {
            for (int i = 0; i < cursor.getValuesCount(); i++) {
                StructuredQuery.Order o = orders.get(i);
                Value cv = cursor.getValues(i);
                Value dv = field(d, o.getField().getFieldPath());
                int c = o.getField().getFieldPath().equals(NAME) && cv.getValueTypeCase() == Value.ValueTypeCase.REFERENCE_VALUE
                        ? Values.compareNames(dv.getReferenceValue(), cv.getReferenceValue()) : Values.compare(dv, cv);
                if (c != 0) {
                    return o.getDirection() == StructuredQuery.Direction.DESCENDING ? -c : c;
                }
            }
            return 0;
        }

        private static boolean afterStart(Document d, Cursor start, List<StructuredQuery.Order> orders) {
            int p = position(d, start, orders);
            return p > 0 || p == 0 && start.getBefore();
        }

        private static boolean beforeEnd(Document d, Cursor end, List<StructuredQuery.Order> orders) {
            int p = position(d, end, orders);
            return p < 0 || p == 0 && !end.getBefore();
        }
    }
}
