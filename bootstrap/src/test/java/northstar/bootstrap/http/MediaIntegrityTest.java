package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import northstar.adapters.blob.filesystem.FilesystemObjectStore;
import northstar.adapters.blob.filesystem.FilesystemPresigner;
import northstar.domain.objects.ObjectKey;
import northstar.domain.objects.ObjectNamespace;
import northstar.domain.objects.PutOptions;
import org.junit.jupiter.api.Test;

/**
 * A media blob that went missing or was replaced behind the media service's back (on disk, by
 * another tool) is answered as a problem+json before any byte is sent, never as a body cut short
 * under a promised length or the server's HTML error page.
 */
class MediaIntegrityTest extends ServiceHarness {
    String store(String body) {
        Http.Response r = http.post("/v1/media?session_id=s_int&user_id=u_1").key(ACME).bytes(body.getBytes(), "image/png")
                .send();
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("media_id").asText();
    }

    static void assertProblem(Http.Response r, String detail) {
        assertThat(r.status()).as(r.text()).isEqualTo(500);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("INTERNAL");
        assertThat(r.json().get("detail").asText()).contains(detail);
    }

    @Test
    void aMediaWhoseBlobIsGoneIsAProblemNotAnHtmlPage() throws Exception {
        String id = store("a picture");
        try (Stream<Path> files = Files.walk(data.resolve("objects"))) {
            Path blob = files.filter(p -> p.getFileName().toString().equals(id + ".obj")).findFirst().orElseThrow();
            Files.delete(blob);
        }

        assertProblem(http.get("/v1/media/" + id).key(ACME).send(), "lost its blob");
    }

    @Test
    void aMediaWhoseBlobWasReplacedByOneOfAnotherSizeIsAProblem() {
        String id = store("a picture");
        try (FilesystemObjectStore behindItsBack = new FilesystemObjectStore(data.resolve("objects"),
                new FilesystemPresigner(new byte[32], URI.create("http://127.0.0.1:1"), Clock.systemUTC()))) {
            behindItsBack.put(new ObjectNamespace("acme", "test"), ObjectKey.of("media/" + id),
                    new ByteArrayInputStream("<html>something else</html>".getBytes()), PutOptions.of("text/html"));
        }

        assertProblem(http.get("/v1/media/" + id).key(ACME).send(), "is damaged");
    }
}
