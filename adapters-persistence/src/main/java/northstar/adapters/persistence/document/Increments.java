package northstar.adapters.persistence.document;

import java.util.Map;
import northstar.domain.DocumentValues;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.domain.tabular.TabularItem;

/** The checks of TabularStore.increment, written once for every backend. */
public final class Increments {
    private Increments() {
    }

    /** The alsoSet attributes as document values, once the amount is known to be finite. */
    public static Map<String, Object> extra(double amount, Map<String, Object> alsoSet) {
        if (!Double.isFinite(amount)) {
            throw StoreException.invalid("amount", "must be finite");
        }
        return DocumentValues.copyMap("alsoSet", alsoSet);
    }

    /** The attributes to remove, checked against the port's limit and never the counted field itself. */
    public static java.util.Set<String> removals(String field, String unlessPresent, java.util.Set<String> alsoRemove,
                                                 Map<String, Object> alsoSet) {
        java.util.Set<String> remove = alsoRemove == null ? java.util.Set.of() : java.util.Set.copyOf(alsoRemove);
        if (remove.size() > northstar.domain.tabular.TabularStore.MAX_ALSO_REMOVE) {
            throw StoreException.invalid("alsoRemove", "at most " + northstar.domain.tabular.TabularStore.MAX_ALSO_REMOVE
                    + " attributes");
        }
        if (remove.contains(field) || (unlessPresent != null && remove.contains(unlessPresent))
                || remove.stream().anyMatch(alsoSet::containsKey)) {
            throw StoreException.invalid("alsoRemove", "may not name an attribute the increment counts, checks or sets");
        }
        return remove;
    }

    /**
     * As {@link #check(TabularItem, String, double, String, String)}, first refusing with
     * ALREADY_EXISTS when the item already has the unlessPresent attribute.
     */
    public static Number check(TabularItem current, String field, double amount, String ceilingField,
                               String unlessPresent, String backend) {
        if (unlessPresent != null && current.attributes().containsKey(unlessPresent)) {
            throw new StoreException(ErrorCode.ALREADY_EXISTS, backend, current.key().key() + " already has "
                    + unlessPresent + ": the increment was applied before", false, null);
        }
        return check(current, field, amount, ceilingField, backend);
    }

    /**
     * The field's current value (0 when absent), once the item shows the increment may be applied:
     * FAILED_PRECONDITION when the field is not a number or when field + amount would pass the
     * ceiling attribute (no ceiling when ceilingField is null or the attribute is absent).
     */
    public static Number check(TabularItem current, String field, double amount, String ceilingField, String backend) {
        Object value = current.attributes().getOrDefault(field, 0L);
        if (!(value instanceof Number n)) {
            throw new StoreException(ErrorCode.FAILED_PRECONDITION, backend, field + " of " + current.key().key()
                    + " is not a number", false, null);
        }
        Double ceiling = ceilingField == null ? null : current.number(ceilingField);
        if (ceiling != null && n.doubleValue() + amount > ceiling) {
            throw new StoreException(ErrorCode.FAILED_PRECONDITION, backend, field + " of " + current.key().key() + " ("
                    + n + ") + " + amount + " would pass " + ceilingField + " " + ceiling, false, null);
        }
        return n;
    }
}
