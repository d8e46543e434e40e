package northstar.adapters.persistence.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import northstar.domain.DocumentValues;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;

/** Documents as JSON text, for backends that store text (SQLite); numbers keep Long/Double. */
public final class JsonDocuments {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private JsonDocuments() {
    }

    public static String write(Map<String, Object> document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new StoreException(ErrorCode.INTERNAL, "json", "document cannot be written as JSON", false, e);
        }
    }

    public static Map<String, Object> read(String json) {
        try {
            return DocumentValues.copyMap("document", MAPPER.readValue(json, MAP));
        } catch (JsonProcessingException e) {
            throw new StoreException(ErrorCode.INTERNAL, "json", "stored document is not valid JSON", false, e);
        }
    }
}
