package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** /openapi.json describes exactly the routes the server serves: none missing, none extra. */
class OpenApiTest extends ServiceHarness {
    @Test
    void theDocumentAndTheServedRoutesAreTheSameSet() {
        var res = http.get("/openapi.json").send();
        assertThat(res.status()).isEqualTo(200);
        JsonNode doc = res.json();
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");

        Set<String> documented = new TreeSet<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(
                op -> documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
        Set<String> served = new TreeSet<>();
        for (String route : service.servedRoutes()) {
            served.add(route.replaceAll("[<{]([a-z_]+)[>}]", "{$1}"));
        }

        assertThat(served).isNotEmpty();
        assertThat(documented).as("documented but not served").isSubsetOf(served);
        assertThat(served).as("served but not documented").isSubsetOf(documented);
    }

    @Test
    void everyReferencedSchemaIsDefined() {
        JsonNode doc = http.get("/openapi.json").send().json();
        Set<String> refs = new TreeSet<>();
        collectRefs(doc, refs);
        Set<String> defined = new TreeSet<>();
        doc.get("components").get("schemas").fieldNames().forEachRemaining(n -> defined.add("#/components/schemas/" + n));

        assertThat(refs).isNotEmpty().isSubsetOf(defined);
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }
}
