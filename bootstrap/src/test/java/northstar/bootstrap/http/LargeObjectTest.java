package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import northstar.testkit.GeneratedStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 1 GiB object and a 1 GiB media output round trip through a service whose heap is 128 MiB. */
class LargeObjectTest {
    static final long GIB = 1024L * 1024 * 1024;

    @TempDir
    Path dir;

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aGibibyteStreamsInAndOutOfAServiceWithA128MibHeap() {
        int port = ServiceHarness.freePort();
        Path config = ConfigFiles.write(dir, port, ConfigFiles.tenant("acme", "lab"), ConfigFiles.LAB_ROUTES);
        String key = ConfigFiles.KEY + "acme";
        try (ServiceProcess p = ServiceProcess.start(dir, List.of("-Xmx128m"), config.toString())) {
            p.awaitStdout("listening", Duration.ofSeconds(60));
            Http http = new Http("http://127.0.0.1:" + port);

            // the client hashes what it sends as it sends it: the expected digest costs no pass of its own
            MessageDigest sent = sha256();
            Http.Response put = http.put("/v1/objects/big/one.bin").key(key)
                    .stream(new DigestInputStream(new GeneratedStream(42, GIB), sent), GIB, "application/octet-stream")
                    .send();
            assertThat(put.status()).as(put.text()).isEqualTo(201);
            String expected = HexFormat.of().formatHex(sent.digest());
            assertThat(put.json().get("sha256").asText()).isEqualTo(expected);
            String[] got = new String[1];
            int status = http.get("/v1/objects/big/one.bin").key(key).receive((s, h, body) -> {
                got[0] = GeneratedStream.sha256(body);
                assertThat(h.get("Content-Length")).containsExactly(String.valueOf(GIB));
            });
            assertThat(status).isEqualTo(200);
            assertThat(got[0]).isEqualTo(expected);

            Http.Response media = http.post("/v1/media?session_id=s_big&user_id=u_1").key(key)
                    .stream(new GeneratedStream(42, GIB), -1, "video/mp4").send();
            assertThat(media.status()).as(media.text()).isEqualTo(201);
            assertThat(media.json().get("checksum_sha256").asText()).isEqualTo(expected);
            assertThat(media.json().get("size_bytes").asLong()).isEqualTo(GIB);
            http.get("/v1/media/" + media.json().get("media_id").asText()).key(key)
                    .receive((s, h, body) -> got[0] = GeneratedStream.sha256(body));
            assertThat(got[0]).isEqualTo(expected);
            assertThat(p.alive()).isTrue();
            assertThat(p.stderr()).doesNotContain("OutOfMemoryError");
        }
    }
}
