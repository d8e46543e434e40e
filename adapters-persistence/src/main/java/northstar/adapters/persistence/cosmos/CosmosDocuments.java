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

    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(Object item) {
        Map<String, Object> raw = MAPPER.convertValue(item, LinkedHashMap.class);
        raw.keySet().removeIf(k -> k.startsWith("_"));
        return DocumentValues.copyMap("document", raw);
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
