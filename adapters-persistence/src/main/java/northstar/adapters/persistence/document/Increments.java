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
