package northstar.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON-like values as every backend can store them natively (DynamoDB maps, Firestore documents,
 * Cosmos JSON, SQLite JSON text): null, String, Boolean, Long, Double (finite), List and
 * Map with String keys. {@link #copy} checks and normalises a value into an immutable copy, so
 * records holding documents stay immutable and compare by value across a round trip through any
 * backend: Integer becomes Long, Float becomes Double, and a whole Double within +-2^53 becomes a
 * Long (JSON and DynamoDB do not tell 5.0 from 5, so no backend could keep the difference).
 */
public final class DocumentValues {
    public static final int MAX_DEPTH = 16;

    private DocumentValues() {
    }

    /**
     * About what a value weighs written as JSON: string lengths, a few bytes per number, key and
     * punctuation. What pages are cut by ({@link PageRequest#maxBytes}); a value of another type (a
     * backend's timestamp, say) counts as its text.
     */
    public static long approximateBytes(Object value) {
        return switch (value) {
            case null -> 4;
            case String s -> s.length() + 2L;
            case Boolean b -> 5;
            case Number n -> 8;
            case byte[] b -> b.length;
            case Map<?, ?> m -> {
                long sum = 2;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sum += String.valueOf(e.getKey()).length() + 4L + approximateBytes(e.getValue());
                }
                yield sum;
            }
            case Iterable<?> l -> {
                long sum = 2;
                for (Object v : l) {
                    sum += 1 + approximateBytes(v);
                }
                yield sum;
            }
            default -> String.valueOf(value).length() + 2L;
        };
    }

    public static Map<String, Object> copyMap(String field, Map<String, ?> map) {
        if (map == null) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> copied = (Map<String, Object>) copy(field, map, 0);
        return copied;
    }

    public static Object copy(String field, Object value) {
        return copy(field, value, 0);
    }

    private static Object copy(String field, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw StoreException.invalid(field, "is nested deeper than " + MAX_DEPTH + " levels");
        }
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Long l -> l;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case Double d -> finite(field, d);
            case Float f -> finite(field, f.doubleValue());
            case Map<?, ?> m -> copyEntries(field, m, depth);
            case List<?> l -> copyList(field, l, depth);
            default -> throw StoreException.invalid(field, "holds a value of unsupported type "
                    + value.getClass().getSimpleName());
        };
    }

    private static final double MAX_EXACT = 9007199254740992.0; // 2^53

    private static Object finite(String field, double d) {
        if (!Double.isFinite(d)) {
            throw StoreException.invalid(field, "holds a number that is not finite");
        }
        if (d == Math.rint(d) && Math.abs(d) <= MAX_EXACT) {
            return (long) d;
        }
        return d;
    }

    private static Map<String, Object> copyEntries(String field, Map<?, ?> m, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String key) || key.isEmpty()) {
                throw StoreException.invalid(field, "has a key that is not a non-empty string");
            }
            out.put(key, copy(field + "." + key, e.getValue(), depth + 1));
        }
        return Collections.unmodifiableMap(out);
    }

    private static List<Object> copyList(String field, List<?> l, int depth) {
        List<Object> out = new ArrayList<>(l.size());
        for (Object o : l) {
            out.add(copy(field + "[]", o, depth + 1));
        }
        return Collections.unmodifiableList(out);
    }
}
