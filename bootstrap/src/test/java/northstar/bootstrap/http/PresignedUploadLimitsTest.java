package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A presigned upload says how much and how often: the URL the service signs (lab, filesystem store)
 * carries max_bytes and overwrite in its signature, a larger body is refused before or while it is
 * read, and a URL that may not overwrite takes one upload.
 */
class PresignedUploadLimitsTest extends ServiceHarness {
    JsonNode presign(Map<String, Object> body) {
        Http.Response r = http.post("/v1/objects/presign").key(ACME).json(body).send();
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    @Test
    void theDefaultsAreADocumentedLimitAndNoOverwrite() {
        JsonNode p = presign(Map.of("key", "up/default.png", "content_type", "image/png"));

        assertThat(p.get("max_bytes").asLong()).isEqualTo(32L * 1024 * 1024);
        assertThat(p.get("overwrite").asBoolean()).isFalse();
        assertThat(p.get("enforced")).extracting(JsonNode::asText)
                .containsExactly("content_type", "max_bytes", "no_overwrite");
        assertThat(p.get("url").asText()).contains("max_bytes=33554432").contains("overwrite=0");
    }

    @Test
    void aBodyOverMaxBytesIsRefusedWhetherItsLengthIsDeclaredOrNot() {
        String url = presign(Map.of("key", "up/small.png", "content_type", "image/png", "max_bytes", 10))
                .get("url").asText();

        Http.Response declared = http.put(url).bytes(new byte[11], "image/png").send();
        Http.Response chunked = http.put(url).stream(new ByteArrayInputStream(new byte[100_000]), -1, "image/png").send();

        assertThat(declared.status()).as(declared.text()).isEqualTo(413);
        assertThat(chunked.status()).as(chunked.text()).isEqualTo(413);
        assertThat(http.get("/v1/objects/up/small.png").key(ACME).send().status()).isEqualTo(404);
        assertThat(http.put(url).bytes("0123456789".getBytes(), "image/png").send().status()).isEqualTo(201);
    }

    @Test
    void aUrlThatMayNotOverwriteTakesOneUploadAndOneThatMayTakesMany() {
        String once = presign(Map.of("key", "up/once.png", "content_type", "image/png")).get("url").asText();
        assertThat(http.put(once).bytes("first".getBytes(), "image/png").send().status()).isEqualTo(201);
        Http.Response second = http.put(once).bytes("second".getBytes(), "image/png").send();
        assertThat(second.status()).as(second.text()).isEqualTo(409);
        assertThat(second.json().get("code").asText()).isEqualTo("ALREADY_EXISTS");
        assertThat(http.get("/v1/objects/up/once.png").key(ACME).send().text()).isEqualTo("first");

        // nor over an object that was there before the URL was signed
        http.put("/v1/objects/up/taken.png").key(ACME).bytes("mine".getBytes(), "image/png").send();
        String late = presign(Map.of("key", "up/taken.png", "content_type", "image/png")).get("url").asText();
        assertThat(http.put(late).bytes("theirs".getBytes(), "image/png").send().status()).isEqualTo(409);
        assertThat(http.get("/v1/objects/up/taken.png").key(ACME).send().text()).isEqualTo("mine");

        String many = presign(Map.of("key", "up/many.png", "content_type", "image/png", "overwrite", true))
                .get("url").asText();
        assertThat(http.put(many).bytes("one".getBytes(), "image/png").send().status()).isEqualTo(201);
        assertThat(http.put(many).bytes("two".getBytes(), "image/png").send().status()).isEqualTo(201);
        assertThat(http.get("/v1/objects/up/many.png").key(ACME).send().text()).isEqualTo("two");
    }

    @Test
    void aUrlWhoseBoundsAreEditedNoLongerVerifies() {
        String url = presign(Map.of("key", "up/bent.png", "content_type", "image/png", "max_bytes", 10)).get("url").asText();

        for (String bent : new String[] {url.replace("max_bytes=10", "max_bytes=1000000"),
                url.replace("overwrite=0", "overwrite=1"), url.replace("&max_bytes=10", "")}) {
            assertThat(http.put(bent).bytes("0123456789".getBytes(), "image/png").send().status()).as(bent).isEqualTo(403);
        }
        assertThat(http.get("/v1/objects/up/bent.png").key(ACME).send().status()).isEqualTo(404);
    }

    @Test
    void badOptionsAreRefusedNamingTheirField() {
        for (Map<String, Object> bad : new Map[] {Map.of("key", "k", "max_bytes", 0),
                Map.of("key", "k", "max_bytes", 6L * 1024 * 1024 * 1024), Map.of("key", "k", "overwrite", "yes")}) {
            Http.Response r = http.post("/v1/objects/presign").key(ACME).json(bad).send();
            assertThat(r.status()).as(r.text()).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isIn("max_bytes", "overwrite");
        }
    }
}
