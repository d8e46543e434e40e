package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Content served back is never active: whatever type an uploader gave it, a browser neither runs nor renders it. */
class ContentSafetyTest extends ServiceHarness {
    static Stream<Arguments> types() {
        return Stream.of(
                Arguments.of("text/html", "page.html", "attachment"),
                Arguments.of("image/svg+xml", "logo.svg", "attachment"),
                Arguments.of("application/xhtml+xml", "a.xhtml", "attachment"),
                Arguments.of("application/javascript", "a.js", "attachment"),
                Arguments.of("application/octet-stream", "blob.bin", "attachment"),
                Arguments.of("image/png", "cat.png", "inline"),
                Arguments.of("image/jpeg", "cat.jpg", "inline"),
                Arguments.of("text/plain; charset=utf-8", "notes.txt", "inline"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void objectsComeBackInertWithTheirNameAndOnlySafeTypesInline(String type, String name, String disposition) {
        byte[] body = "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
        assertThat(http.put("/v1/objects/docs/" + name).key(ACME).bytes(body, type).send().status()).isEqualTo(201);

        for (Http.Response r : new Http.Response[] {http.get("/v1/objects/docs/" + name).key(ACME).send(),
                http.head("/v1/objects/docs/" + name).key(ACME).send()}) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("Content-Security-Policy")).isEqualTo("sandbox; default-src 'none'");
            assertThat(r.header("Content-Disposition")).isEqualTo(disposition + "; filename=\"" + name
                    + "\"; filename*=UTF-8''" + name);
        }
    }

    @Test
    void mediaComesBackInertToo() {
        byte[] body = "<svg onload=alert(1)></svg>".getBytes(StandardCharsets.UTF_8);
        Http.Response stored = http.post("/v1/media?session_id=s_1&user_id=u_1").key(ACME).bytes(body, "image/svg+xml")
                .send();
        String id = stored.json().get("media_id").asText();

        Http.Response r = http.get("/v1/media/" + id).key(ACME).send();

        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Content-Security-Policy")).isEqualTo("sandbox; default-src 'none'");
        assertThat(r.header("Content-Disposition")).startsWith("attachment; filename=\"" + id + "\"");
    }

    @Test
    void aNameThatCouldBreakTheHeaderIsEscapedAndKeptExactInUtf8() {
        String key = "docs/caf%C3%A9%20%22x%22%3B.html"; // café "x";.html
        assertThat(http.put("/v1/objects/" + key).key(ACME).bytes(new byte[] {1}, "text/html").send().status())
                .isEqualTo(201);

        assertThat(http.get("/v1/objects/" + key).key(ACME).send().header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"caf_ _x__.html\"; filename*=UTF-8''caf%C3%A9%20%22x%22%3B.html");
    }

    @Test
    void jsonAnswersAreNeverCached() {
        assertThat(http.get("/v1/whoami").key(ACME).send().header("Cache-Control")).isEqualTo("no-store");
        assertThat(http.get("/v1/whoami").send().header("Cache-Control")).isEqualTo("no-store"); // a 401 problem too
        assertThat(http.post("/v1/budgets/openai/tokens/usage").key(ACME).json(Map.of("amount", 1)).send()
                .header("Cache-Control")).isEqualTo("no-store");
    }
}
