package northstar.domain.tabular;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import northstar.domain.Backend;
import northstar.domain.Page;
import northstar.domain.PageRequest;

/**
 * Outbound port: a key/value store of JSON-like documents (resource kind tabular_store), holding
 * attribution contracts, budgets and media metadata. Its operations are the ones DynamoDB
 * (conditional PutItem / UpdateItem, Query on a sort key), Firestore (preconditions, transactions,
 * ordered queries) and Cosmos DB (ETags, patch with a filter predicate, ordered queries) all do
 * natively.
 *
 * <p>The contract, clause by clause (checked by the TabularStoreContract kit):
 * <ol>
 * <li><b>Get</b> returns the item with its attributes and version, or empty.</li>
 * <li><b>Put</b> replaces the attributes of the key under a {@link WriteCondition}, checked
 * atomically with the write: IF_ABSENT fails with ALREADY_EXISTS when the key exists; IfVersion
 * fails with FAILED_PRECONDITION when the item is absent or at another version. A failed write
 * changes nothing. The returned item carries the new version (1 for a new item, then +1).</li>
 * <li><b>Delete</b> under a condition (IfVersion as for put; IF_ABSENT is not meaningful and is
 * INVALID_ARGUMENT) reports whether an item was deleted.</li>
 * <li><b>List</b> returns the items of a tenant's table whose key starts with the prefix, in
 * binary key order, paged by an opaque cursor; every item appears exactly once across pages.</li>
 * <li><b>Increment</b> adds amount to a numeric attribute (absent counts as 0) in one atomic step
 * and returns the updated item. With a ceiling attribute named, it first checks
 * {@code field + amount <= item[ceiling]} (no ceiling when that attribute is absent) and fails with
 * FAILED_PRECONDITION, changing nothing, when it does not hold. Attributes in alsoSet are written in
 * the same step. The item must exist (NOT_FOUND); a non-numeric field is FAILED_PRECONDITION.
 * Concurrent increments are never lost, and a ceiling is never passed, however many run at once.</li>
 * <li><b>Increment once.</b> With unlessPresent named, the increment applies only while the item
 * has no attribute of that name, checked in the same atomic step (before the ceiling): when it has
 * one, the call fails with ALREADY_EXISTS and changes nothing. Naming the same attribute in alsoSet
 * makes the increment idempotent: of any number of concurrent or repeated calls with it, exactly one
 * applies. Attributes in alsoRemove are removed in the same step (absent ones are ignored); at most
 * {@link #MAX_ALSO_REMOVE} of them.</li>
 * <li><b>Tenant isolation.</b> Keys are per tenant: no operation of one tenant reads or changes
 * another tenant's items, even under the same table and key.</li>
 * <li><b>Errors.</b> Backend failures surface as UNAVAILABLE or INTERNAL; never an SDK exception.</li>
 * </ol>
 */
public interface TabularStore extends Backend {
    /** The most attributes one increment may remove (Cosmos DB takes ten operations per patch). */
    int MAX_ALSO_REMOVE = 4;

    Optional<TabularItem> get(TabularKey key);

    TabularItem put(TabularKey key, Map<String, Object> attributes, WriteCondition condition);

    boolean delete(TabularKey key, WriteCondition condition);

    Page<TabularItem> list(TableRef table, String keyPrefix, PageRequest page);

    /**
     * @param ceilingField the attribute the result may not pass, or null for none
     * @param alsoSet      attributes set in the same atomic step (an updated_at), may be empty
     */
    default TabularItem increment(TabularKey key, String field, double amount, String ceilingField,
                                  Map<String, Object> alsoSet) {
        return increment(key, field, amount, ceilingField, alsoSet, null, Set.of());
    }

    /**
     * @param unlessPresent the attribute whose presence refuses the increment (ALREADY_EXISTS), or null
     * @param alsoRemove    attributes removed in the same atomic step, at most {@link #MAX_ALSO_REMOVE}
     */
    TabularItem increment(TabularKey key, String field, double amount, String ceilingField,
                          Map<String, Object> alsoSet, String unlessPresent, Set<String> alsoRemove);
}
