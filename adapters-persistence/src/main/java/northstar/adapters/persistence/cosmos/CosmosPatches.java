package northstar.adapters.persistence.cosmos;

import com.azure.cosmos.models.CosmosPatchOperations;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The conditional patch of an atomic increment: the filter predicate the service checks with the
 * patch (the field a number or absent, the guard attribute absent, the ceiling not passed) and the
 * operations it applies, all in one request.
 */
final class CosmosPatches {
    private CosmosPatches() {
    }

    /** The patch's filter: it applies only while the increment is allowed. */
    static String incrementPredicate(String field, double amount, String ceilingField, String unlessPresent) {
        String f = "c.a[" + CosmosDocuments.literal(field) + "]";
        String number = BigDecimal.valueOf(amount).toPlainString();
        StringBuilder predicate = new StringBuilder("FROM c WHERE (NOT IS_DEFINED(" + f + ") OR IS_NUMBER(" + f + "))");
        if (unlessPresent != null) {
            predicate.append(" AND NOT IS_DEFINED(c.a[").append(CosmosDocuments.literal(unlessPresent)).append("])");
        }
        if (ceilingField != null) {
            String c = "c.a[" + CosmosDocuments.literal(ceilingField) + "]";
            predicate.append(" AND (NOT IS_DEFINED(").append(c).append(") OR (NOT IS_DEFINED(").append(f)
                    .append(") AND ").append(number).append(" <= ").append(c).append(") OR ").append(f).append(" + ")
                    .append(number).append(" <= ").append(c).append(")");
        }
        return predicate.toString();
    }

    /** The patch of an increment: add the amount, set and remove the others, bump the version. */
    static CosmosPatchOperations increment(String field, double amount, Map<String, Object> extra,
                                           java.util.Set<String> remove) {
        CosmosPatchOperations ops = CosmosPatchOperations.create();
        if (amount == Math.rint(amount) && Math.abs(amount) < 1e15) {
            ops.increment("/a/" + pointer(field), (long) amount);
        } else {
            ops.increment("/a/" + pointer(field), amount);
        }
        extra.forEach((k, v) -> ops.set("/a/" + pointer(k), v));
        remove.forEach(k -> ops.remove("/a/" + pointer(k)));
        ops.increment("/v", 1L);
        return ops;
    }

    /** A property name as a JSON Pointer segment (RFC 6901), the form patch paths take. */
    static String pointer(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
