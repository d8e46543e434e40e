package northstar.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import northstar.domain.StoreException;

/**
 * A JSON object from a request, read field by field: each accessor checks the type and names the
 * field in its error (a 400 problem), and {@link #allowOnly} refuses fields the API does not know,
 * so a misspelt field is an error instead of a silently missing value.
 */
final class JsonBody {
    private final ObjectNode node;
    private final String path;

    private JsonBody(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static JsonBody of(JsonNode node, String path) {
        if (!(node instanceof ObjectNode object)) {
            throw StoreException.invalid(path.isEmpty() ? "body" : path, "must be a JSON object");
        }
        return new JsonBody(object, path);
    }

    String nameOf(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    JsonBody allowOnly(Set<String> fields) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) {
                throw StoreException.invalid(nameOf(f), "is not a field of this request");
            }
        }
        return this;
    }

    private JsonNode present(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    String string(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw StoreException.invalid(nameOf(field), "must be a string");
        }
        return v.textValue();
    }

    String requiredString(String field) {
        String s = string(field);
        if (s == null) {
            throw StoreException.invalid(nameOf(field), "is required");
        }
        return s;
    }

    Double number(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw StoreException.invalid(nameOf(field), "must be a number");
        }
        return v.doubleValue();
    }

    double requiredNumber(String field) {
        Double d = number(field);
        if (d == null) {
            throw StoreException.invalid(nameOf(field), "is required");
        }
        return d;
    }

    Long integer(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw StoreException.invalid(nameOf(field), "must be an integer");
        }
        return v.longValue();
    }

    Boolean bool(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw StoreException.invalid(nameOf(field), "must be true or false");
        }
        return v.booleanValue();
    }

    Instant instant(String field) {
        String s = string(field);
        return s == null ? null : parseInstant(nameOf(field), s);
    }

    static Instant parseInstant(String field, String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw StoreException.invalid(field, "must be an ISO-8601 timestamp with an offset, e.g. 2026-01-10T12:00:00Z");
        }
    }

    JsonBody object(String field) {
        JsonNode v = present(field);
        return v == null ? null : of(v, nameOf(field));
    }

    Map<String, Object> document(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw StoreException.invalid(nameOf(field), "must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) Json.toDocument(v, nameOf(field), 0);
        return doc;
    }

    Map<String, String> stringMap() {
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw StoreException.invalid(nameOf(e.getKey()), "must be a string");
            }
            out.put(e.getKey(), e.getValue().textValue());
        });
        return out;
    }

    List<String> strings(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw StoreException.invalid(nameOf(field), "must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw StoreException.invalid(nameOf(field), "must be an array of strings");
            }
            out.add(item.textValue());
        }
        return out;
    }

    List<JsonNode> array(String field) {
        JsonNode v = present(field);
        if (v == null || !v.isArray()) {
            throw StoreException.invalid(nameOf(field), "must be an array");
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }
}
