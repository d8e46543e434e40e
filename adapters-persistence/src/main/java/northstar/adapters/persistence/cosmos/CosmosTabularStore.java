package northstar.adapters.persistence.cosmos;

import com.azure.core.credential.TokenCredential;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosPatchItemRequestOptions;
import com.azure.cosmos.models.CosmosPatchOperations;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The TabularStore on one Cosmos DB container (config.container, partition key {@code /tenant_id}).
 * An item is one document: {@code id} = {@code {table}:{sha256(key)}} (Cosmos ids are limited to 255
 * characters and may not hold / \ ? #, keys may), {@code tbl}, {@code k} (the key), {@code a} (the
 * attributes), {@code v} (the version). Every operation names the tenant's partition; every query is
 * parameterized.
 *
 * <ul>
 * <li>Put IF_ABSENT is a create (409 = exists); put IfVersion is one patch (set /a, incr /v) with
 * the filter predicate {@code c.v = n}, so the check and the write are one atomic step on the
 * service; an unconditional put reads the item and patches it under its ETag (If-Match).</li>
 * <li>Increment is one patch (incr the field, set alsoSet, incr /v) whose filter predicate is the
 * ceiling check itself: {@code field + amount <= ceiling}. Concurrent increments are serialised
 * by the service and none passes the ceiling; no read-modify-write, no retry loop.</li>
 * <li>Delete IfVersion reads the item and deletes it with its ETag (If-Match).</li>
 * <li>List is an ORDER BY k range query in the partition, paged by Cosmos continuation tokens.</li>
 * </ul>
 */
public final class CosmosTabularStore implements TabularStore {
    public static final String TYPE = "cosmos";
    private static final String LIST = "c1";

    private final CosmosClients.Opened opened;
    private final CosmosContainer container;

    public CosmosTabularStore(Route route) {
        this(route, null);
    }

    /** @param token the token credential config.credential names (built by bootstrap), or null */
    public CosmosTabularStore(Route route, TokenCredential token) {
        this(CosmosSettings.parse(route), token, route.describe());
    }

    /** @param token the token credential settings name (built by bootstrap), or null */
    public CosmosTabularStore(CosmosSettings settings, TokenCredential token, String route) {
        this.opened = CosmosClients.open(settings, schema(), token, route);
        this.container = opened.container();
    }

    /** The container this store expects: partition key /tenant_id; k is range-indexed by default. */
    public static CosmosContainerProperties schema() {
        return new CosmosContainerProperties("tabular", "/tenant_id");
    }

    @Override
    public String backendType() {
        return TYPE;
    }

    static String id(TabularKey key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.key().getBytes(StandardCharsets.UTF_8));
            return key.table() + ":" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PartitionKey partition(String tenant) {
        return new PartitionKey(tenant);
    }

    @Override
    public Optional<TabularItem> get(TabularKey key) {
        try {
            return Optional.of(item(key, container.readItem(id(key), partition(key.tenantId()), ObjectNode.class).getItem()));
        } catch (CosmosException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw CosmosErrors.translate("get item", e);
        }
    }

    private static TabularItem item(TabularKey key, Object node) {
        if (node instanceof com.fasterxml.jackson.databind.JsonNode tree && tree.path("v").canConvertToLong()) {
            // the attributes and the version, without decoding the item's keys and system properties
            return new TabularItem(key, CosmosDocuments.objectField(tree, "a"), tree.get("v").asLong());
        }
        Map<String, Object> doc = CosmosDocuments.toMap(node);
        return new TabularItem(key, CosmosDocuments.field(doc, "a"), ((Number) doc.get("v")).longValue());
    }

    private static Map<String, Object> document(TabularKey key, Map<String, Object> attributes, long version) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", id(key));
        d.put("tenant_id", key.tenantId());
        d.put("tbl", key.table());
        d.put("k", key.key());
        d.put("a", attributes);
        d.put("v", version);
        return d;
    }

    @Override
    public TabularItem put(TabularKey key, Map<String, Object> attributes, WriteCondition condition) {
        Map<String, Object> attrs = DocumentValues.copyMap("attributes", attributes);
        try {
            return switch (condition) {
                case WriteCondition.IfAbsent a -> create(key, attrs).orElseThrow(() -> new StoreException(
                        ErrorCode.ALREADY_EXISTS, TYPE, "item " + key.key() + " already exists", false, null));
                case WriteCondition.IfVersion v -> replace(key, attrs, v.version()).orElseThrow(() -> stale(key, null));
                case WriteCondition.None n -> putAnyway(key, attrs);
            };
        } catch (CosmosException e) {
            throw CosmosErrors.translate("put item", e);
        }
    }

    private Optional<TabularItem> create(TabularKey key, Map<String, Object> attrs) {
        try {
            return Optional.of(item(key, container.createItem(document(key, attrs, 1), partition(key.tenantId()),
                    new CosmosItemRequestOptions()).getItem()));
        } catch (CosmosException e) {
            if (e.getStatusCode() == 409) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Replaces the attributes of the item at the version, in one patch; empty when absent or at another version. */
    private Optional<TabularItem> replace(TabularKey key, Map<String, Object> attrs, long version) {
        return patchAttributes(key, attrs, new CosmosPatchItemRequestOptions().setFilterPredicate("FROM c WHERE c.v = "
                + version));
    }

    private Optional<TabularItem> patchAttributes(TabularKey key, Map<String, Object> attrs,
                                                  CosmosPatchItemRequestOptions condition) {
        try {
            var r = container.patchItem(id(key), partition(key.tenantId()),
                    CosmosPatchOperations.create().set("/a", attrs).increment("/v", 1L), condition, ObjectNode.class);
            return Optional.of(item(key, r.getItem()));
        } catch (CosmosException e) {
            if (e.getStatusCode() == 404 || e.getStatusCode() == 412) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Read, then write guarded by the ETag read (If-Match): a change in between makes it look again. */
    private TabularItem putAnyway(TabularKey key, Map<String, Object> attrs) {
        return Retry.untilWon(Retry.CONFLICTS, () -> {
            try {
                String etag = container.readItem(id(key), partition(key.tenantId()), ObjectNode.class).getETag();
                CosmosPatchItemRequestOptions ifMatch = new CosmosPatchItemRequestOptions();
                ifMatch.setIfMatchETag(etag);
                return patchAttributes(key, attrs, ifMatch); // empty: another writer came in between, look again
            } catch (CosmosException e) {
                if (e.getStatusCode() != 404) {
                    throw e;
                }
                return create(key, attrs);
            }
        }, () -> new StoreException(ErrorCode.UNAVAILABLE, TYPE, "put of " + key.key()
                + " kept racing other writers; retry", true, null));
    }

    private static StoreException stale(TabularKey key, Throwable cause) {
        return new StoreException(ErrorCode.FAILED_PRECONDITION, TYPE, "item " + key.key()
                + " is not at the expected version", false, cause);
    }

    @Override
    public boolean delete(TabularKey key, WriteCondition condition) {
        if (condition instanceof WriteCondition.IfAbsent) {
            throw StoreException.invalid("condition", "a delete cannot require the item to be absent");
        }
        try {
            CosmosItemRequestOptions options = new CosmosItemRequestOptions();
            if (condition instanceof WriteCondition.IfVersion v) {
                var current = container.readItem(id(key), partition(key.tenantId()), ObjectNode.class);
                if (item(key, current.getItem()).version() != v.version()) {
                    throw stale(key, null);
                }
                options.setIfMatchETag(current.getETag());
            }
            container.deleteItem(id(key), partition(key.tenantId()), options);
            return true;
        } catch (CosmosException e) {
            if (e.getStatusCode() == 404 && condition instanceof WriteCondition.None) {
                return false;
            }
            if (e.getStatusCode() == 404 || e.getStatusCode() == 412) {
                throw stale(key, e);
            }
            throw CosmosErrors.translate("delete item", e);
        }
    }

    @Override
    public Page<TabularItem> list(TableRef ref, String keyPrefix, PageRequest page) {
        String tenantId = ref.tenantId();
        String tableName = ref.table();
        String prefix = keyPrefix == null ? "" : keyPrefix;
        String token = page.cursor() == null ? null : Cursors.decode(LIST, page.cursor(), 1).getFirst();
        List<SqlParameter> params = new ArrayList<>(List.of(new SqlParameter("@tenant", tenantId),
                new SqlParameter("@tbl", tableName), new SqlParameter("@lo", prefix)));
        StringBuilder sql = new StringBuilder("SELECT * FROM c WHERE c.tenant_id = @tenant AND c.tbl = @tbl AND c.k >= @lo");
        Optional<String> end = prefix.isEmpty() ? Optional.empty() : KeyRanges.prefixEnd(prefix);
        if (end.isPresent()) {
            sql.append(" AND c.k < @hi");
            params.add(new SqlParameter("@hi", end.get()));
        }
        sql.append(" ORDER BY c.k ASC");
        try {
            CosmosPages.Result<ObjectNode> r = CosmosPages.collect(container, new SqlQuerySpec(sql.toString(), params),
                    tenantId, token, page.limit());
            List<TabularItem> items = r.items().stream()
                    .map(n -> item(new TabularKey(tenantId, tableName, n.get("k").asText()), n)).toList();
            return new Page<>(items, r.continuation().map(t -> Cursors.encode(LIST, t)));
        } catch (CosmosException e) {
            throw CosmosErrors.translate("list items", e);
        }
    }

    @Override
    public TabularItem increment(TabularKey key, String field, double amount, String ceilingField,
                                 Map<String, Object> alsoSet, String unlessPresent, java.util.Set<String> alsoRemove) {
        Map<String, Object> extra = Increments.extra(amount, alsoSet);
        java.util.Set<String> remove = Increments.removals(field, unlessPresent, alsoRemove, extra);
        String predicate = CosmosPatches.incrementPredicate(field, amount, ceilingField, unlessPresent);
        // a patch that removes an absent path fails whole (400): removals are retried with those still there;
        // a patch refused although the item allows it when read back raced another change: it is tried again
        var removing = new java.util.concurrent.atomic.AtomicReference<java.util.Set<String>>(remove);
        var narrowed = new java.util.concurrent.atomic.AtomicInteger();
        return Retry.untilWon(Retry.CONFLICTS, () -> {
            try {
                return Optional.of(item(key, container.patchItem(id(key), partition(key.tenantId()),
                        CosmosPatches.increment(field, amount, extra, removing.get()),
                        new CosmosPatchItemRequestOptions().setFilterPredicate(predicate), ObjectNode.class).getItem()));
            } catch (CosmosException e) {
                if (e.getStatusCode() == 404) {
                    throw StoreException.notFound("item " + key.key());
                }
                if (e.getStatusCode() != 412 && e.getStatusCode() != 400) {
                    throw CosmosErrors.translate("increment", e);
                }
                TabularItem now = get(key).orElseThrow(() -> StoreException.notFound("item " + key.key()));
                StoreException refused = whyRefused(now, field, amount, ceilingField, unlessPresent, e);
                if (refused != null) {
                    throw refused;
                }
                java.util.Set<String> stillThere = new java.util.HashSet<>(removing.get());
                stillThere.retainAll(now.attributes().keySet());
                if (e.getStatusCode() == 400) {
                    if (stillThere.equals(removing.get()) || narrowed.getAndIncrement() >= 3) {
                        throw CosmosErrors.translate("increment", e);
                    }
                    removing.set(stillThere);
                }
                return Optional.<TabularItem>empty();
            }
        }, () -> new StoreException(ErrorCode.UNAVAILABLE, TYPE, "increment of " + key.key()
                + " kept racing other changes; retry", true, null));
    }

    /** The refused increment's reason, read back from the item (the service only says "precondition"); null when it allows it now. */
    private static StoreException whyRefused(TabularItem current, String field, double amount, String ceilingField,
                                             String unlessPresent, CosmosException e) {
        try {
            Increments.check(current, field, amount, ceilingField, unlessPresent, TYPE);
            return null;
        } catch (StoreException refused) {
            refused.addSuppressed(e);
            return refused;
        }
    }

    @Override
    public void probe() {
        opened.probe();
    }

    @Override
    public void close() {
        opened.client().close();
    }
}
