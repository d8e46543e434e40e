package northstar.adapters.persistence.firestore;

import com.google.api.core.ApiFuture;
import com.google.cloud.Timestamp;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.WriteResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import northstar.adapters.persistence.document.AnalyticsDocuments;
import northstar.adapters.persistence.document.IngestBatches;
import northstar.domain.Cursors;
import northstar.domain.DocumentValues;
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

/**
 * The AnalyticsStore on Firestore, in the design's collections: an event is the document
 * {@code {collection}/{tenant}/events/{id}} (config.collection, default "analytics") with the design's
 * snake_case fields plus {@code ts} (timestamp in epoch microseconds), {@code shard},
 * {@code step_key} (events of a run) and {@code expire_at} (when config.ttl_days is set, for a
 * Firestore TTL policy).
 *
 * <p>Firestore limits writes to an index whose values only grow (timestamps, time-ordered ids) to
 * about 500 per second. So a tenant's burst is spread: the document id starts with two hex digits
 * of the id's hash, and every time-ordered composite index starts with {@code shard} (the id's hash
 * modulo config.shards, default 8); the single-field indexes of ts, timestamp and created_at are
 * exempted (docs/GOOGLE.md lists the indexes as deployed). A range query is one query per shard
 * ({@code shard == s, ts in [lo, hi), [app ==], [platform ==], order by ts, analytics_id}), merged;
 * the run query is one query ({@code run_id ==, order by step_key, ts, analytics_id}). Pages resume
 * after the last (ts, id) or (step_key, ts, id) returned.
 *
 * <p>Ingest is one create per event (ALREADY_EXISTS: the stored event is read back as Existing),
 * sent together and awaited together.
 */
public final class FirestoreAnalyticsStore implements AnalyticsStore {
    public static final String TYPE = "firestore";
    private static final String RANGE = "fq1";
    private static final String RUN = "fr1";

    /** The first read of a shard: few, since nothing says yet what a document weighs. */
    private static final int FIRST_CHUNK = 4;
    /** Shards of a range query are read at once, each on a virtual thread that waits on its RPCs. */
    private static final java.util.concurrent.ExecutorService SHARD_READS =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private final Firestore db;
    private final FirestoreDeadline deadline;
    private final String collection;
    private final int shards;
    private final Long ttlDays;

    /** A route on an emulator_host (no credentials). */
    public FirestoreAnalyticsStore(Route route) {
        this(route, null);
    }

    /** @param credentials the Google credentials config.credentials names (built by bootstrap), or null */
    public FirestoreAnalyticsStore(Route route, GoogleCredentials credentials) {
        this(FirestoreSettings.parse(route), credentials, route.describe());
    }

    /** @param credentials the Google credentials settings.credentials names (built by bootstrap), or null */
    public FirestoreAnalyticsStore(FirestoreSettings settings, GoogleCredentials credentials, String route) {
        this.collection = settings.collection();
        this.shards = settings.shards();
        this.ttlDays = settings.ttlDays().orElse(null);
        this.db = FirestoreClients.open(settings, credentials, route);
        this.deadline = new FirestoreDeadline("analytics", settings.callTimeout());
    }

    @Override
    public String backendType() {
        return TYPE;
    }

    private CollectionReference events(String tenant) {
        return db.collection(collection).document(tenant).collection("events");
    }

    private static long hash(String id) {
        CRC32 crc = new CRC32();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** The id behind two hex digits of its hash: time-ordered ids land all over the name index. */
    static String documentId(String analyticsId) {
        return java.util.HexFormat.of().toHexDigits((byte) hash(analyticsId)) + "_" + analyticsId;
    }

    private DocumentReference ref(String tenant, String analyticsId) {
        return events(tenant).document(documentId(analyticsId));
    }

    private Map<String, Object> document(AnalyticsRecord r) {
        Map<String, Object> d = new LinkedHashMap<>(AnalyticsDocuments.toDocument(r));
        d.put("ts", AnalyticsRecord.epochMicros(r.timestamp()));
        d.put("shard", hash(r.analyticsId()) % shards);
        if (r.dimensions().runId() != null) {
            d.put("step_key", r.stepSortKey());
        }
        if (ttlDays != null) {
            d.put("expire_at", Timestamp.ofTimeSecondsAndNanos(r.timestamp().plusSeconds(ttlDays * 86_400).getEpochSecond(),
                    0));
        }
        return d;
    }

    private static AnalyticsRecord record(DocumentSnapshot s) {
        return record(s.getData());
    }

    /** The record of a document's data (decoded once by the caller: getData decodes the whole document each call). */
    private static AnalyticsRecord record(Map<String, Object> data) {
        Map<String, Object> d = new HashMap<>(data);
        d.remove("ts");
        d.remove("shard");
        d.remove("step_key");
        d.remove("expire_at");
        return AnalyticsDocuments.fromDocument(DocumentValues.copyMap("document", d));
    }

    @Override
    public List<IngestResult> ingest(EventBatch<AnalyticsRecord> batch) {
        List<AnalyticsRecord> records = batch.events();
        Map<Integer, ApiFuture<WriteResult>> creates = new LinkedHashMap<>();
        for (int i : IngestBatches.firsts(records)) {
            AnalyticsRecord r = records.get(i);
            creates.put(i, ref(r.tenantId(), r.analyticsId()).create(document(r)));
        }
        Map<Integer, IngestResult> byIndex = new HashMap<>();
        StoreException failure = null;
        for (var e : creates.entrySet()) {
            AnalyticsRecord r = records.get(e.getKey());
            try {
                deadline.await("ingest", e.getValue());
                byIndex.put(e.getKey(), new IngestResult.Stored(r));
            } catch (StoreException ex) {
                if (ex.code() == ErrorCode.ALREADY_EXISTS) {
                    byIndex.put(e.getKey(), new IngestResult.Existing(get(r.tenantId(), r.analyticsId()).orElseThrow(
                            () -> new StoreException(ErrorCode.UNAVAILABLE, TYPE, "event " + r.analyticsId()
                                    + " exists and vanished", true, ex))));
                } else if (failure == null) {
                    failure = ex; // the others are awaited first: nothing is left running
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return IngestBatches.inOrder(records, byIndex);
    }

    @Override
    public Optional<AnalyticsRecord> get(String tenantId, String analyticsId) {
        DocumentSnapshot s = deadline.await("get event", ref(tenantId, analyticsId).get());
        return s.exists() ? Optional.of(record(s)) : Optional.empty();
    }

    @Override
    public Page<AnalyticsRecord> query(String tenantId, ProjectScope projects, AnalyticsQuery q) {
        List<String> after = q.page().cursor() == null ? null : Cursors.decode(RANGE, q.page().cursor(), 2);
        if (!q.start().isBefore(q.end())) {
            return Page.last(List.of());
        }
        int limit = q.page().limit();
        List<java.util.concurrent.Future<List<Read>>> perShard = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            Query query = events(tenantId).whereEqualTo("shard", (long) s);
            if (!projects.isAll()) {
                query = query.whereEqualTo("project_id", projects.projectId());
            }
            if (q.app().isPresent()) {
                query = query.whereEqualTo("app", q.app().get());
            }
            if (q.platform().isPresent()) {
                query = query.whereEqualTo("platform", q.platform().get().wireName());
            }
            query = query.whereGreaterThanOrEqualTo("ts", AnalyticsRecord.epochMicros(q.start()))
                    .whereLessThan("ts", AnalyticsRecord.epochMicros(q.end())).orderBy("ts").orderBy("analytics_id");
            if (after != null) {
                query = query.startAfter(micros(after.get(0)), after.get(1));
            }
            Query shard = query;
            perShard.add(SHARD_READS.submit(() -> fetch(shard, limit + 1, q.page().maxBytes(), "query events")));
        }
        List<Read> merged = new ArrayList<>();
        for (var f : perShard) {
            merged.addAll(shardResult(f));
        }
        merged.sort(Comparator.comparingLong((Read r) -> r.doc().getLong("ts"))
                .thenComparing(r -> r.doc().getString("analytics_id")));
        return page(merged, q.page(), d -> Cursors.encode(RANGE, String.valueOf(d.getLong("ts")), d.getString("analytics_id")));
    }

    @Override
    public Page<AnalyticsRecord> queryByRun(String tenantId, ProjectScope projects, String runId, PageRequest page) {
        List<String> after = page.cursor() == null ? null : Cursors.decode(RUN, page.cursor(), 3);
        Query query = events(tenantId).whereEqualTo("run_id", runId);
        if (!projects.isAll()) {
            query = query.whereEqualTo("project_id", projects.projectId());
        }
        query = query.orderBy("step_key").orderBy("ts").orderBy("analytics_id");
        if (after != null) {
            query = query.startAfter(after.get(0), micros(after.get(1)), after.get(2));
        }
        List<Read> docs = fetch(query, page.limit() + 1, page.maxBytes(), "query run");
        return page(docs, page, d -> Cursors.encode(RUN, d.getString("step_key"), String.valueOf(d.getLong("ts")),
                d.getString("analytics_id")));
    }

    private static long micros(String cursorPart) {
        try {
            return Long.parseLong(cursorPart);
        } catch (NumberFormatException e) {
            throw StoreException.invalid("cursor", "is not a cursor of this query");
        }
    }

    /**
     * Up to want documents of the query in its order, and no more once they weigh over maxBytes (a
     * page cannot show all of them, so it never skips one this left unread). Read in chunks: a few
     * first, then as many as what those weighed says the rest of the budget holds.
     */
    private List<Read> fetch(Query query, int want, long maxBytes, String what) {
        List<Read> out = new ArrayList<>();
        long bytes = 0;
        int chunk = Math.min(want, FIRST_CHUNK);
        Query next = query;
        while (out.size() < want && bytes <= maxBytes) {
            int ask = Math.min(chunk, want - out.size());
            List<QueryDocumentSnapshot> docs = deadline.await(what, next.limit(ask).get()).getDocuments();
            for (QueryDocumentSnapshot d : docs) {
                if (bytes > maxBytes) {
                    return out;
                }
                Read read = Read.of(d);
                out.add(read);
                bytes += read.bytes();
            }
            if (docs.size() < ask) {
                break;
            }
            next = query.startAfter(docs.getLast());
            long each = Math.max(1, bytes / out.size());
            chunk = (int) Math.max(1, Math.min(want, Math.max(0, maxBytes - bytes) / each + 1));
        }
        return out;
    }

    private static List<Read> shardResult(java.util.concurrent.Future<List<Read>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StoreException.unavailable("firestore", "interrupted while querying", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw StoreException.internal("firestore", "query events failed", e.getCause());
        }
    }

    /** A document read for a page: its data decoded once, and what it weighs. */
    private record Read(QueryDocumentSnapshot doc, Map<String, Object> data, long bytes) {
        static Read of(QueryDocumentSnapshot d) {
            Map<String, Object> data = d.getData();
            return new Read(d, data, DocumentValues.approximateBytes(data));
        }
    }

    /** The documents in order while they fit the page by count and bytes; the cursor names the last one shown. */
    private static Page<AnalyticsRecord> page(List<Read> docs, PageRequest page,
                                              java.util.function.Function<QueryDocumentSnapshot, String> cursor) {
        List<AnalyticsRecord> shown = new ArrayList<>();
        long bytes = 0;
        for (Read r : docs) {
            if (!page.fits(shown.size(), bytes, r.bytes())) {
                return new Page<>(shown, Optional.of(cursor.apply(docs.get(shown.size() - 1).doc())));
            }
            bytes += r.bytes();
            shown.add(record(r.data()));
        }
        return Page.last(shown);
    }

    @Override
    public void probe() {
        FirestoreClients.probe(db, collection, deadline);
    }

    @Override
    public void close() {
        FirestoreClients.close(db);
        deadline.close();
    }
}
