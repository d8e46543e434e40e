package northstar.adapters.blob.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.nio.file.Path;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The storage emulator launcher (.ci/test-servers/gcs.js) and its shims, over plain HTTP: each shim's
 * answer, and that the server listens on loopback only and stops when the test's pipe closes.
 */
class GcsLauncherTest {
    static LocalServer gcs;

    @BeforeAll
    static void start() {
        gcs = LocalServer.gcs(Path.of("target/gcs-launcher"));
    }

    @AfterAll
    static void stop() {
        gcs.close();
    }

    record Answer(int status, Map<String, java.util.List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> name.equalsIgnoreCase(e.getKey())).map(e -> e.getValue().getFirst())
                    .findFirst().orElse(null);
        }
    }

    /** A plain HTTP request; body null for none. */
    static Answer send(String method, String url, Map<String, String> headers, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url.startsWith("http") ? url : gcs.endpoint() + url).toURL()
                .openConnection();
        c.setRequestMethod(method);
        c.setInstanceFollowRedirects(false);
        headers.forEach(c::setRequestProperty);
        if (body != null) {
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            return new Answer(status, c.getHeaderFields(), in == null ? "" : new String(in.readAllBytes(),
                    StandardCharsets.UTF_8));
        }
    }

    @Test
    void tokenRequestsAreAnsweredLocally() throws Exception {
        var r = send("POST", "/token", Map.of(), "grant_type=x");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("\"access_token\"").contains("\"expires_in\":3600");
    }

    @Test
    void bucketsAreCreatedAndLookedUpAsTheJsonApiDoes() throws Exception {
        assertThat(send("GET", "/storage/v1/b/launcher-none", Map.of(), null).status()).isEqualTo(404);
        var created = send("POST", "/storage/v1/b?project=p", Map.of("content-type", "application/json"),
                "{\"name\":\"launcher-b\"}");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body()).contains("\"name\":\"launcher-b\"");
        assertThat(send("GET", "/storage/v1/b/launcher-b", Map.of(), null).status()).isEqualTo(200);
    }

    @Test
    void aResumableUploadMayComeInSeveralChunks() throws Exception {
        var started = send("POST", "/upload/storage/v1/b/launcher-c/o?uploadType=resumable&name=chunked.txt",
                Map.of("content-type", "application/json", "x-upload-content-type", "text/plain"),
                "{\"name\":\"chunked.txt\"}");
        String session = started.header("location");

        var first = send("PUT", session, Map.of("content-range", "bytes 0-5/*"), "hello ");
        var last = send("PUT", session, Map.of("content-range", "bytes 6-10/11"), "world");

        assertThat(first.status()).isEqualTo(308);
        assertThat(first.header("range")).isEqualTo("bytes=0-5");
        assertThat(last.status()).isEqualTo(200);
        assertThat(send("GET", "/storage/v1/b/launcher-c/o/chunked.txt?alt=media", Map.of(), null).body())
                .isEqualTo("hello world");
    }

    @Test
    void aMethodOverrideAndThePrefixedObjectPathsReachTheirRoutes() throws Exception {
        send("POST", "/upload/storage/v1/b/launcher-d/o?uploadType=media&name=gone.txt", Map.of("content-type",
                "text/plain"), "x");
        assertThat(send("GET", "/storage/v1/b/launcher-d/o/gone.txt", Map.of(), null).body())
                .contains("\"name\":\"gone.txt\"");

        var deleted = send("POST", "/storage/v1/b/launcher-d/o/gone.txt", Map.of("x-http-method-override", "DELETE"), "");

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(send("GET", "/storage/v1/b/launcher-d/o/gone.txt", Map.of(), null).status()).isEqualTo(404);
    }

    @Test
    void listensOnLoopbackAndStopsWhenItsStdinCloses() throws InterruptedException {
        LocalServer server = LocalServer.gcs(Path.of("target/gcs-launcher-2"));
        assertThat(server.endpoint()).startsWith("http://127.0.0.1:");
        assertThat(server.accepting()).isTrue();

        server.close();

        for (int i = 0; i < 50 && server.accepting(); i++) {
            Thread.sleep(100);
        }
        assertThat(server.accepting()).isFalse();
    }
}
