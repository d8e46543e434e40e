package northstar.adapters.persistence.cosmos;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import northstar.domain.DocumentValues;

/** Cosmos items as documents: JSON objects without the service's system properties. */
final class CosmosDocuments {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private CosmosDocuments() {
    }

    /**
     * An item as a document, without the service's system properties (_rid, _etag, ...). A JSON tree
     * (what the SDK answers for ObjectNode.class) is walked once into document values; anything else
     * goes through Jackson and {@link DocumentValues#copyMap}.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(Object item) {
        if (item instanceof com.fasterxml.jackson.databind.JsonNode node && node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : node.properties()) {
                if (!e.getKey().startsWith("_")) {
                    out.put(e.getKey(), plain(e.getValue(), 0));
                }
            }
            return out;
        }
        Map<String, Object> raw = MAPPER.convertValue(item, LinkedHashMap.class);
        raw.keySet().removeIf(k -> k.startsWith("_"));
        return DocumentValues.copyMap("document", raw);
    }

    /** One object property of an item as document values; an empty map when it is absent or not an object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> objectField(com.fasterxml.jackson.databind.JsonNode item, String name) {
        com.fasterxml.jackson.databind.JsonNode n = item.get(name);
        return n != null && n.isObject() ? (Map<String, Object>) plain(n, 0) : Map.of();
    }

    /** A JSON value as a document value: objects in their order, whole numbers as Long, others as Double. */
    private static Object plain(com.fasterxml.jackson.databind.JsonNode n, int depth) {
        if (depth > DocumentValues.MAX_DEPTH) {
            throw northstar.domain.StoreException.invalid("document", "is nested deeper than " + DocumentValues.MAX_DEPTH
                    + " levels");
        }
        return switch (n.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : n.properties()) {
                    m.put(e.getKey(), plain(e.getValue(), depth + 1));
                }
                yield m;
            }
            case ARRAY -> {
                java.util.List<Object> l = new java.util.ArrayList<>(n.size());
                for (com.fasterxml.jackson.databind.JsonNode x : n) {
                    l.add(plain(x, depth + 1));
                }
                yield l;
            }
            case STRING -> n.textValue();
            case BOOLEAN -> n.booleanValue();
            case NUMBER -> n.isIntegralNumber() && n.canConvertToLong() ? (Object) n.longValue()
                    : (Object) DocumentValues.copy("document", n.doubleValue());
            case NULL, MISSING -> null;
            default -> DocumentValues.copy("document", MAPPER.convertValue(n, Object.class));
        };
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> field(Map<String, Object> document, String name) {
        Object v = document.get(name);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** A string literal of Cosmos SQL (the JSON form), for property names inside a filter predicate. */
    static String literal(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
