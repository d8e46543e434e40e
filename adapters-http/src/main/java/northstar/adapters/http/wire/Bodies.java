package northstar.adapters.http.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import northstar.domain.StoreException;

/**
 * The API's JSON, bound to the records of this package: snake_case names, no field the record does
 * not declare, no coercion between JSON types (a number is not a string, 1.5 is not an integer, "1"
 * is not a number), and every refusal an INVALID_ARGUMENT whose field is the JSON path of the value
 * that failed ({@code events[3].usage.amount}, {@code tenants[1].project_id}).
 */
public final class Bodies {
    /** The one mapper of the API, for requests and answers alike. */
    public static final ObjectMapper MAPPER = strict(JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build());

    private Bodies() {
    }

    /** A mapper that refuses to turn one JSON type into another, with the API's nesting bound. */
    private static ObjectMapper strict(ObjectMapper m) {
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
        for (LogicalType t : List.of(LogicalType.Textual, LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            m.coercionConfigFor(t)
                    .setCoercion(CoercionInputShape.Integer, t == LogicalType.Integer || t == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, t == LogicalType.Float ? CoercionAction.TryConvert
                            : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, t == LogicalType.Boolean ? CoercionAction.TryConvert
                            : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, t == LogicalType.Textual ? CoercionAction.TryConvert
                            : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, t == LogicalType.Textual ? CoercionAction.TryConvert
                            : CoercionAction.Fail);
        }
        return m;
    }

    /**
     * The JSON value as a record of the given type, or INVALID_ARGUMENT naming the path under
     * {@code at} (empty for a whole body) of the value that failed.
     */
    public static <T> T bind(JsonNode node, Class<T> type, String at) {
        return bind(node, MAPPER.constructType(type), at);
    }

    /** As {@link #bind(JsonNode, Class, String)}, to a generic type (a map of strings, say). */
    public static <T> T bind(JsonNode node, com.fasterxml.jackson.core.type.TypeReference<T> type, String at) {
        return bind(node, MAPPER.getTypeFactory().constructType(type), at);
    }

    private static <T> T bind(JsonNode node, com.fasterxml.jackson.databind.JavaType type, String at) {
        if (node == null || !node.isObject()) {
            throw StoreException.invalid(at.isEmpty() ? "body" : at, "must be a JSON object");
        }
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonMappingException e) {
            throw refusal(e, at);
        } catch (JsonProcessingException e) {
            throw StoreException.invalid(at.isEmpty() ? "body" : at, "is not valid: " + e.getOriginalMessage());
        }
    }

    /** The refusal of a binding, as the API reports it: the field is the path of the value that failed. */
    public static StoreException refusal(JsonMappingException e, String at) {
        String path = join(at, path(e));
        if (e instanceof ValueInstantiationException && e.getCause() instanceof StoreException.InvalidArgument inner) {
            // a record's own check, naming its field relative to the record
            String reason = inner.getMessage().substring(inner.field().length() + 2);
            return StoreException.invalid(join(path, inner.field()), reason);
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof StoreException other) {
            return other;
        }
        String field = path.isEmpty() ? "body" : path;
        if (e instanceof UnrecognizedPropertyException) {
            return StoreException.invalid(field, "is not a field of this request");
        }
        if (e instanceof MismatchedInputException m) {
            return StoreException.invalid(field, "must be " + kind(m.getTargetType()));
        }
        return StoreException.invalid(field, "is not valid: " + e.getOriginalMessage());
    }

    /** What a JSON value must be to bind to the target type: "a string", "an integer", ... */
    public static String kind(Class<?> target) {
        if (target == null) {
            return "of another type";
        }
        if (target == String.class) {
            return "a string";
        }
        if (target == Long.class || target == long.class || target == Integer.class || target == int.class) {
            return "an integer";
        }
        if (target == Double.class || target == double.class) {
            return "a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(target)) {
            return "an array";
        }
        return "a JSON object";
    }

    /** The JSON path of the value a binding failed on: {@code tenants[1].project_id}, empty for the root. */
    public static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    /** A path under another: {@code events[2]} and {@code usage.amount} make {@code events[2].usage.amount}. */
    public static String join(String at, String field) {
        if (at.isEmpty()) {
            return field;
        }
        if (field.isEmpty()) {
            return at;
        }
        return field.startsWith("[") ? at + field : at + "." + field;
    }

    /** An ISO-8601 timestamp with an offset, or INVALID_ARGUMENT naming the field. */
    public static Instant instant(String field, String s) {
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw StoreException.invalid(field, "must be an ISO-8601 timestamp with an offset, e.g. 2026-01-10T12:00:00Z");
        }
    }

    /**
     * A JSON object as an immutable document of DocumentValues types, in one pass (numbers as Long or
     * Double, whole doubles as Long, as DocumentValues normalises them), or INVALID_ARGUMENT naming
     * the path of what it cannot carry.
     */
    public static java.util.Map<String, Object> document(JsonNode node, String field) {
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> doc = (java.util.Map<String, Object>) toDocument(node, field, 0);
        return doc;
    }

    private static Object toDocument(JsonNode node, String field, int depth) {
        if (depth > northstar.domain.DocumentValues.MAX_DEPTH) {
            throw StoreException.invalid(field, "is nested deeper than " + northstar.domain.DocumentValues.MAX_DEPTH
                    + " levels");
        }
        return switch (node.getNodeType()) {
            case NULL, MISSING -> null;
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            case NUMBER -> node.isIntegralNumber() && node.canConvertToLong() ? (Object) node.longValue()
                    : northstar.domain.DocumentValues.copy(field, node.doubleValue());
            case ARRAY -> {
                List<Object> list = new java.util.ArrayList<>(node.size());
                for (JsonNode item : node) {
                    list.add(toDocument(item, field + "[]", depth + 1));
                }
                yield java.util.Collections.unmodifiableList(list);
            }
            case OBJECT -> {
                java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
                for (var e : node.properties()) {
                    if (e.getKey().isEmpty()) {
                        throw StoreException.invalid(field, "has an empty key");
                    }
                    map.put(e.getKey(), toDocument(e.getValue(), field + "." + e.getKey(), depth + 1));
                }
                yield java.util.Collections.unmodifiableMap(map);
            }
            default -> throw StoreException.invalid(field, "holds a value JSON documents cannot carry");
        };
    }

    /** A required value, or INVALID_ARGUMENT naming it. */
    public static <T> T required(String field, T value) {
        if (value == null) {
            throw StoreException.invalid(field, "is required");
        }
        return value;
    }
}
