package northstar.adapters.persistence.dynamodb;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import northstar.domain.DocumentValues;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Documents as DynamoDB attribute values, and back: numbers keep Long (no fraction) or Double. */
final class DynamoDbDocuments {
    private DynamoDbDocuments() {
    }

    static AttributeValue toValue(Object v) {
        return switch (v) {
            case null -> AttributeValue.fromNul(true);
            case String s -> AttributeValue.fromS(s);
            case Boolean b -> AttributeValue.fromBool(b);
            case Long l -> AttributeValue.fromN(Long.toString(l));
            case Double d -> AttributeValue.fromN(BigDecimal.valueOf(d).toString());
            case Map<?, ?> m -> {
                Map<String, AttributeValue> out = new LinkedHashMap<>();
                m.forEach((k, x) -> out.put((String) k, toValue(x)));
                yield AttributeValue.fromM(out);
            }
            case List<?> l -> AttributeValue.fromL(l.stream().map(DynamoDbDocuments::toValue).toList());
            default -> throw new IllegalArgumentException("not a document value: " + v.getClass());
        };
    }

    static AttributeValue toMap(Map<String, Object> document) {
        return toValue(document);
    }

    static Object fromValue(AttributeValue v) {
        return switch (v.type()) {
            case NUL -> null;
            case S -> v.s();
            case BOOL -> v.bool();
            case N -> number(v.n());
            case M -> {
                Map<String, Object> out = new LinkedHashMap<>();
                v.m().forEach((k, x) -> out.put(k, fromValue(x)));
                yield out;
            }
            case L -> {
                List<Object> out = new ArrayList<>(v.l().size());
                v.l().forEach(x -> out.add(fromValue(x)));
                yield out;
            }
            default -> throw new IllegalStateException("a stored document holds a " + v.type() + " value");
        };
    }

    @SuppressWarnings("unchecked")
    /** About what an attribute weighs as JSON (see {@link northstar.domain.DocumentValues#approximateBytes}). */
    static long approximateBytes(AttributeValue v) {
        if (v == null) {
            return 4;
        }
        if (v.s() != null) {
            return v.s().length() + 2L;
        }
        if (v.n() != null) {
            return v.n().length();
        }
        if (v.b() != null) {
            return v.b().asByteArrayUnsafe().length;
        }
        if (v.hasM()) {
            long sum = 2;
            for (var e : v.m().entrySet()) {
                sum += e.getKey().length() + 4L + approximateBytes(e.getValue());
            }
            return sum;
        }
        if (v.hasL()) {
            long sum = 2;
            for (AttributeValue x : v.l()) {
                sum += 1 + approximateBytes(x);
            }
            return sum;
        }
        return 5;
    }

    /** A stored map as a document: {@link #fromValue} makes document values only, so nothing is copied again. */
    static Map<String, Object> fromMap(AttributeValue v) {
        return (Map<String, Object>) fromValue(v);
    }

    static Object number(String n) {
        if (n.indexOf('.') < 0 && n.indexOf('e') < 0 && n.indexOf('E') < 0) {
            try {
                return Long.parseLong(n);
            } catch (NumberFormatException tooBig) {
                return new BigDecimal(n).doubleValue();
            }
        }
        return DocumentValues.copy("number", new BigDecimal(n).doubleValue());
    }
}
