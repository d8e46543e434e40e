package northstar.bootstrap.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Holds the service's answers to its own OpenAPI document: the status must be one the operation
 * lists, and a JSON body must validate against that status's schema (JSON Schema 2020-12, as
 * OpenAPI 3.1 uses it), with every object schema closed, so a field that is renamed, added or
 * dropped in the code and not in the document fails the test that received it.
 */
final class OpenApiConformance implements Http.Observer {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private record Operation(Pattern path, String template) {
    }

    private final JsonNode doc;
    private final ObjectNode components;
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    final AtomicInteger bodiesChecked = new AtomicInteger();

    OpenApiConformance(JsonNode doc) {
        this.doc = doc;
        this.components = closed(doc.get("components").deepCopy());
        for (Iterator<String> it = doc.get("paths").fieldNames(); it.hasNext(); ) {
            String template = it.next();
            // a parameter is one segment, except a trailing object key or presigned path, which may hold slashes
            String regex = Pattern.quote(template).replaceAll("\\{[a-z_]+}\\\\E$", "\\\\E.+")
                    .replaceAll("\\{[a-z_]+}", "\\\\E[^/]+\\\\Q");
            operations.add(new Operation(Pattern.compile(regex), template));
        }
    }

    /** Every object schema that names its properties and says nothing of others admits no others. */
    private static <T extends JsonNode> T closed(T node) {
        if (node instanceof ObjectNode o) {
            if (o.has("properties") && !o.has("additionalProperties")) {
                o.put("additionalProperties", false);
            }
            o.properties().forEach(e -> closed(e.getValue()));
        } else if (node.isArray()) {
            node.forEach(OpenApiConformance::closed);
        }
        return node;
    }

    /** Holds a webhook's body to the schema of the document's webhooks section that names it. */
    public void webhookBody(String webhook, String body) {
        JsonNode schemaNode = doc.path("webhooks").path(webhook).path("post").path("requestBody").path("content")
                .path("application/json").path("schema");
        if (schemaNode.isMissingNode()) {
            throw new AssertionError("/openapi.json has no webhook " + webhook);
        }
        try {
            check(schemas.computeIfAbsent("webhook " + webhook, k -> schema(schemaNode)), JSON.readTree(body),
                    "webhook " + webhook, body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("webhook " + webhook + " body is not JSON: " + body, e);
        }
    }

    /** A schema of the document, closed, with the document's components to resolve its references. */
    private Schema schema(JsonNode schemaNode) {
        ObjectNode root = closed(schemaNode.deepCopy());
        root.set("components", components);
        return REGISTRY.getSchema(root);
    }

    private void check(Schema schema, JsonNode value, String what, String text) {
        List<Error> errors = schema.validate(value);
        bodiesChecked.incrementAndGet();
        if (!errors.isEmpty()) {
            Map<String, String> byPlace = new LinkedHashMap<>();
            errors.forEach(e -> byPlace.put(e.getInstanceLocation().toString(), e.getMessage()));
            throw new AssertionError(what + " does not match its schema in /openapi.json: " + byPlace + "\nbody: " + text);
        }
    }

    @Override
    public void seen(String method, String path, Http.Response response) {
        String rawPath = URI.create(path.startsWith("http") ? path : "http://h" + path).getRawPath();
        Operation op = operations.stream().filter(o -> o.path().matcher(rawPath).matches())
                // the most specific template: the one with the longest literal text
                .max(java.util.Comparator.comparingInt(o -> o.template().replaceAll("\\{[a-z_]+}", "").length()))
                .orElse(null);
        if (op == null) {
            throw new AssertionError(method + " " + path + " is not in /openapi.json");
        }
        JsonNode operation = doc.get("paths").get(op.template()).get(method.toLowerCase(java.util.Locale.ROOT));
        JsonNode answer;
        if (operation != null) {
            answer = operation.path("responses").get(String.valueOf(response.status()));
        } else if (response.status() == 405) {
            // a method the path does not take: the one answer is 405, a problem
            answer = JSON.createObjectNode().set("content", JSON.createObjectNode().set("application/problem+json",
                    JSON.createObjectNode().set("schema", JSON.createObjectNode().put("$ref",
                            "#/components/schemas/Problem"))));
        } else {
            throw new AssertionError(method + " " + op.template() + " is not in /openapi.json, yet answered "
                    + response.status());
        }
        if (answer == null) {
            throw new AssertionError(method + " " + op.template() + " answered " + response.status()
                    + ", which /openapi.json does not list for it: " + response.text());
        }
        String type = response.header("Content-Type");
        if (type == null || response.body().length == 0 || !(type.startsWith("application/json")
                || type.startsWith("application/problem+json"))) {
            return;
        }
        JsonNode schemaNode = answer.path("content").path(type.split(";")[0].trim()).path("schema");
        if (schemaNode.isMissingNode()) {
            throw new AssertionError(method + " " + op.template() + " " + response.status() + " answered " + type
                    + ", for which /openapi.json gives no schema");
        }
        String key = (operation == null ? "*" : method) + " " + op.template() + " " + response.status() + " " + type;
        check(schemas.computeIfAbsent(key, k -> schema(schemaNode)), response.json(),
                method + " " + path + " " + response.status(), response.text());
    }
}
