package northstar.adapters.persistence.firestore;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldPath;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Precondition;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import northstar.adapters.persistence.document.Increments;
import northstar.adapters.persistence.document.KeyRanges;
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

/**
 * The TabularStore on Firestore: an item is the document {@code {collection}/{tenant}/{table}/{id}}
 * (config.collection, default "tabular"; id = SHA-256 of the key, so ids spread evenly and any key
 * fits) with the fields {@code k} (the key), {@code a} (the attributes) and {@code v} (the version).
 *
 * <ul>
 * <li>Put IF_ABSENT is a create (ALREADY_EXISTS); put IfVersion, delete IfVersion, an
 * unconditional put of an existing item and increment read the document, check in code, and write
 * with the precondition that it is unchanged since that read (update_time): the check and the
 * write are one atomic step on the service. A lost race is retried (with jittered backoff) where
 * the operation allows it.</li>
 * <li>Increment adds with Firestore's increment transform, under that precondition, after
 * checking the ceiling against the value read: the hard limit holds however many run at once.</li>
 * <li>List is a range query on {@code k} (single-field index, automatic) ordered by {@code k}.</li>
 * </ul>
 */
public final class FirestoreTabularStore implements TabularStore {
    public static final String TYPE = "firestore";
    private static final String LIST = "f1";
    /** Optimistic writers give up after this long of lost races. */
    /**
     * Lost races of a precondition write: Firestore sustains about one write per second on one
     * document, so a contended budget needs many more attempts than on other backends: paced from
     * 200 us up to 50 ms with full jitter, for at most 20 s.
     */
    private static final Retry.Policy RACES = new Retry.Policy(100_000, java.time.Duration.ofNanos(200_000),
            java.time.Duration.ofMillis(50), java.time.Duration.ofSeconds(20));

    private final Firestore db;
    private final FirestoreDeadline deadline;
    private final String collection;

    /** A route on an emulator_host (no credentials). */
    public FirestoreTabularStore(Route route) {
        this(route, null);
    }

    /** @param credentials the Google credentials config.credentials names (built by bootstrap), or null */
    public FirestoreTabularStore(Route route, GoogleCredentials credentials) {
        this(FirestoreSettings.parse(route), credentials, route.describe());
    }

    /** @param credentials the Google credentials settings.credentials names (built by bootstrap), or null */
    public FirestoreTabularStore(FirestoreSettings settings, GoogleCredentials credentials, String route) {
        this.collection = settings.collection();
        this.db = FirestoreClients.open(settings, credentials, route);
        this.deadline = new FirestoreDeadline("tabular", settings.callTimeout());
    }

    @Override
    public String backendType() {
        return TYPE;
    }

    private CollectionReference table(String tenant, String table) {
        return db.collection(collection).document(tenant).collection(table);
    }

    private DocumentReference ref(TabularKey key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.key().getBytes(StandardCharsets.UTF_8));
            return table(key.tenantId(), key.table()).document(HexFormat.of().formatHex(hash));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private DocumentSnapshot read(TabularKey key) {
        return deadline.await("get item", ref(key).get());
    }

    /** The item of a snapshot: its two fields decoded alone, the attributes copied once (by TabularItem). */
    private static TabularItem item(TabularKey key, DocumentSnapshot s) {
        Object a = s.get("a");
        @SuppressWarnings("unchecked")
        Map<String, Object> attrs = a instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        return new TabularItem(key, attrs, ((Number) s.get("v")).longValue());
    }

    @Override
    public Optional<TabularItem> get(TabularKey key) {
        DocumentSnapshot s = read(key);
        return s.exists() ? Optional.of(item(key, s)) : Optional.empty();
    }

    @Override
    public TabularItem put(TabularKey key, Map<String, Object> attributes, WriteCondition condition) {
        Map<String, Object> attrs = DocumentValues.copyMap("attributes", attributes);
        return switch (condition) {
            case WriteCondition.IfAbsent a -> create(key, attrs).orElseThrow(() -> new StoreException(
                    ErrorCode.ALREADY_EXISTS, TYPE, "item " + key.key() + " already exists", false, null));
            case WriteCondition.IfVersion v -> {
                DocumentSnapshot s = read(key);
                if (!s.exists() || item(key, s).version() != v.version()) {
                    throw stale(key);
                }
                yield replace(key, s, attrs).orElseThrow(() -> stale(key));
            }
            case WriteCondition.None n -> {
                yield Retry.untilWon(RACES, () -> {
                    DocumentSnapshot s = read(key);
                    return s.exists() ? replace(key, s, attrs) : create(key, attrs);
                }, () -> racing(key));
            }
        };
    }

    private Optional<TabularItem> create(TabularKey key, Map<String, Object> attrs) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("k", key.key());
        doc.put("a", attrs);
        doc.put("v", 1L);
        try {
            deadline.await("put item", ref(key).create(doc));
            return Optional.of(new TabularItem(key, attrs, 1));
        } catch (StoreException e) {
            if (e.code() == ErrorCode.ALREADY_EXISTS) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The attributes replaced and the version raised, if the document is still as read. */
    private Optional<TabularItem> replace(TabularKey key, DocumentSnapshot read, Map<String, Object> attrs) {
        long next = item(key, read).version() + 1;
        try {
            deadline.await("put item", ref(key).update(Precondition.updatedAt(read.getUpdateTime()),
                    FieldPath.of("a"), attrs, FieldPath.of("v"), next));
            return Optional.of(new TabularItem(key, attrs, next));
        } catch (StoreException e) {
            if (e.code() == ErrorCode.FAILED_PRECONDITION || e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static StoreException stale(TabularKey key) {
        return new StoreException(ErrorCode.FAILED_PRECONDITION, TYPE, "item " + key.key()
                + " is not at the expected version", false, null);
    }

    /** Waits a little longer after each lost race; past the budget, the caller may retry later. */
    private static StoreException racing(TabularKey key) {
        return new StoreException(ErrorCode.UNAVAILABLE, TYPE, "item " + key.key() + " kept changing under this write; retry",
                true, null);
    }

    @Override
    public boolean delete(TabularKey key, WriteCondition condition) {
        if (condition instanceof WriteCondition.IfAbsent) {
            throw StoreException.invalid("condition", "a delete cannot require the item to be absent");
        }
        return Retry.untilWon(RACES, () -> {
            DocumentSnapshot s = read(key);
            if (condition instanceof WriteCondition.IfVersion v && (!s.exists() || item(key, s).version() != v.version())) {
                throw stale(key);
            }
            if (!s.exists()) {
                return Optional.of(false);
            }
            try {
                deadline.await("delete item", ref(key).delete(Precondition.updatedAt(s.getUpdateTime())));
                return Optional.of(true);
            } catch (StoreException e) {
                if (e.code() != ErrorCode.FAILED_PRECONDITION && e.code() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
                if (condition instanceof WriteCondition.IfVersion) {
                    throw stale(key);
                }
                return Optional.<Boolean>empty();
            }
        }, () -> racing(key));
    }

    @Override
    public Page<TabularItem> list(TableRef ref, String keyPrefix, PageRequest page) {
        String tenantId = ref.tenantId();
        String tableName = ref.table();
        String prefix = keyPrefix == null ? "" : keyPrefix;
        String after = page.cursor() == null ? null : Cursors.decode(LIST, page.cursor(), 1).getFirst();
        Query q = table(tenantId, tableName).whereGreaterThanOrEqualTo("k", prefix);
        Optional<String> end = prefix.isEmpty() ? Optional.empty() : KeyRanges.prefixEnd(prefix);
        if (end.isPresent()) {
            q = q.whereLessThan("k", end.get());
        }
        q = q.orderBy("k");
        if (after != null) {
            q = q.startAfter(after);
        }
        List<QueryDocumentSnapshot> docs = deadline.await("list items", q.limit(page.limit() + 1).get())
                .getDocuments();
        List<TabularItem> items = new ArrayList<>();
        for (QueryDocumentSnapshot d : docs.subList(0, Math.min(docs.size(), page.limit()))) {
            items.add(item(new TabularKey(tenantId, tableName, d.getString("k")), d));
        }
        return docs.size() > page.limit() ? new Page<>(items, Optional.of(Cursors.encode(LIST, items.getLast().key().key())))
                : Page.last(items);
    }

    @Override
    public TabularItem increment(TabularKey key, String field, double amount, String ceilingField,
                                 Map<String, Object> alsoSet, String unlessPresent, java.util.Set<String> alsoRemove) {
        Map<String, Object> extra = Increments.extra(amount, alsoSet);
        java.util.Set<String> remove = Increments.removals(field, unlessPresent, alsoRemove, extra);
        boolean whole = amount == Math.rint(amount) && Math.abs(amount) < 1e15;
        return Retry.untilWon(RACES, () -> {
            DocumentSnapshot s = read(key);
            if (!s.exists()) {
                throw StoreException.notFound("item " + key.key());
            }
            TabularItem current = item(key, s);
            Number n = Increments.check(current, field, amount, ceilingField, unlessPresent, TYPE);
            List<Object> more = new ArrayList<>();
            for (String attribute : remove) {
                if (current.attributes().containsKey(attribute)) {
                    more.add(FieldPath.of("a", attribute));
                    more.add(FieldValue.delete());
                }
            }
            for (Map.Entry<String, Object> e : extra.entrySet()) {
                more.add(FieldPath.of("a", e.getKey()));
                more.add(e.getValue());
            }
            more.add(FieldPath.of("v"));
            more.add(FieldValue.increment(1));
            try {
                deadline.await("increment", ref(key).update(Precondition.updatedAt(s.getUpdateTime()),
                        FieldPath.of("a", field), whole ? FieldValue.increment((long) amount) : FieldValue.increment(amount),
                        more.toArray()));
                Map<String, Object> attrs = new LinkedHashMap<>(current.attributes());
                attrs.putAll(extra);
                attrs.keySet().removeAll(remove);
                attrs.put(field, DocumentValues.copy(field, whole && n instanceof Long l ? (Object) (l + (long) amount)
                        : (Object) (n.doubleValue() + amount)));
                return Optional.of(new TabularItem(key, attrs, current.version() + 1));
            } catch (StoreException e) {
                if (e.code() != ErrorCode.FAILED_PRECONDITION) {
                    throw e.code() == ErrorCode.NOT_FOUND ? StoreException.notFound("item " + key.key()) : e;
                }
                return Optional.<TabularItem>empty();
            }
        }, () -> racing(key));
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
