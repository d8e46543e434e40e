package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import northstar.bootstrap.Service;
import northstar.bootstrap.config.ConfigFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload places and the body limits of README's "limits": a tenant over its share gets 429, the
 * service over its total 503, both with Retry-After and before any body is read; places come back
 * when uploads end; a JSON body that has not arrived within the request deadline is cut off.
 */
class UploadLimitsTest {
    @TempDir
    Path dir;

    Service service;
    Http http;
    final List<Socket> sockets = new ArrayList<>();
    final String acme = ConfigFiles.KEY + "acme";
    final String globex = ConfigFiles.KEY + "globex";
    int port;

    void start(String limits, String extra) {
        port = ServiceHarness.freePort();
        Path config = ConfigFiles.writeWith(dir, port, ConfigFiles.tenant("acme", "lab") + ", "
                + ConfigFiles.tenant("globex", "lab"), ConfigFiles.LAB_ROUTES, "data", "\"limits\": " + limits + ",\n"
                + extra);
        service = Service.start(ConfigFile.read(config));
        http = new Http("http://127.0.0.1:" + port);
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (service != null) {
            service.close();
        }
    }

    /** An upload by tenant whose headers and first bytes are sent and whose body then stalls (the socket stays open). */
    Socket stalledUpload(String key, String path) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        sockets.add(s);
        OutputStream out = s.getOutputStream();
        out.write(("PUT " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key + "\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n0123456789")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // let the service admit it before anything else competes for its place
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(closedWithin(s, Duration.ZERO)).as("the stalled upload was admitted and is still open").isFalse();
        return s;
    }

    Http.Response smallPut(String key, String name) {
        return http.put("/v1/objects/" + name).key(key).bytes("hello".getBytes(), "text/plain").send();
    }

    /** Retries until the answer has the status (the stalled uploads take their places asynchronously). */
    static Http.Response await(Supplier<Http.Response> call, int status) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(10);
        Http.Response r = call.get();
        while (r.status() != status && Instant.now().isBefore(until)) {
            Thread.sleep(50);
            r = call.get();
        }
        return r;
    }

    @Test
    void aTenantOverItsShareGets429AndTheServiceOverItsTotal503BothWithRetryAfter() throws Exception {
        start("{\"max_concurrent_uploads\": 3, \"max_concurrent_uploads_per_tenant\": 2, \"rate_window_ms\": 60000}",
                "");
        stalledUpload(acme, "/v1/objects/slow/1.bin");
        stalledUpload(acme, "/v1/objects/slow/2.bin");

        Http.Response tenantFull = await(() -> smallPut(acme, "third.txt"), 429);
        assertThat(tenantFull.status()).as(tenantFull.text()).isEqualTo(429);
        assertThat(tenantFull.header("Retry-After")).isEqualTo("1");
        assertThat(tenantFull.header("Content-Type")).startsWith("application/problem+json");
        assertThat(tenantFull.json().get("code").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(http.get("/v1/objects/third.txt").key(acme).send().status()).isEqualTo(404);
        // another tenant still has the service's third place
        assertThat(smallPut(globex, "other.txt").status()).isEqualTo(201);

        stalledUpload(globex, "/v1/objects/slow/3.bin");
        Http.Response serviceFull = await(() -> smallPut(globex, "fourth.txt"), 503);
        assertThat(serviceFull.status()).as(serviceFull.text()).isEqualTo(503);
        assertThat(serviceFull.header("Retry-After")).isEqualTo("1");
        assertThat(serviceFull.json().get("retryable").asBoolean()).isTrue();
        // media and raw puts take the same places
        assertThat(http.post("/v1/media?session_id=s_1&user_id=u_1").key(globex).bytes("x".getBytes(), "image/png")
                .send().status()).isEqualTo(503);
        assertThat(http.put("/raw/put/r.bin").key(globex).bytes("x".getBytes(), "application/octet-stream").send()
                .status()).isEqualTo(503);

        for (Socket s : sockets) {
            s.close();
        }
        assertThat(await(() -> smallPut(acme, "later.txt"), 201).status()).as("places come back").isEqualTo(201);
        assertThat(await(() -> smallPut(globex, "later.txt"), 201).status()).isEqualTo(201);
        assertThat(http.get("/v1/objects/slow/1.bin").key(acme).send().status()).as("a cut body is not stored")
                .isEqualTo(404);
    }

    @Test
    void aStalledUploadIsCutOffByTheMinimumRateAndFreesItsPlace() throws Exception {
        start("{\"max_concurrent_uploads_per_tenant\": 1, \"min_upload_bytes_per_second\": 1024, \"rate_window_ms\": 1000}",
                "");
        Socket slow = stalledUpload(acme, "/v1/objects/slow/cut.bin");
        assertThat(await(() -> smallPut(acme, "blocked.txt"), 429).status()).isEqualTo(429);

        Instant start = Instant.now();
        assertThat(closedWithin(slow, Duration.ofSeconds(5))).as("the server closed the stalled upload").isTrue();
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(4));
        assertThat(await(() -> smallPut(acme, "after.txt"), 201).status()).isEqualTo(201);
    }

    @Test
    void aJsonBodyNotWholeWithinTheRequestDeadlineIsCutOff() throws Exception {
        // a rate low enough that only the deadline can trip
        start("{\"min_upload_bytes_per_second\": 1, \"rate_window_ms\": 500}", "\"request_deadline_ms\": 1000,\n");
        Socket s = new Socket("127.0.0.1", port);
        sockets.add(s);
        OutputStream out = s.getOutputStream();
        byte[] body = "{\"app\":\"agent\",\"platform\":\"web\",\"analytics_id\":\"drip-1\"}".getBytes(StandardCharsets.UTF_8);
        out.write(("POST /v1/analytics/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + acme + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Instant start = Instant.now();
        boolean cut = false;
        for (int i = 0; i < body.length - 1 && !cut; i++) {
            try {
                out.write(body[i]);
                out.flush();
                Thread.sleep(100);
            } catch (IOException closed) {
                cut = true;
            }
            cut = cut || closedWithin(s, Duration.ZERO);
        }
        assertThat(cut || closedWithin(s, Duration.ofSeconds(3))).as("the server closed the dripping JSON body").isTrue();
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(4000));
        assertThat(http.get("/v1/analytics/events/drip-1").key(acme).send().status()).isEqualTo(404);
        // a body that arrives in time is served as ever
        assertThat(http.post("/v1/analytics/events").key(acme).json(java.util.Map.of("app", "agent", "platform", "web"))
                .send().status()).isEqualTo(201);
    }

    /** True once the server has closed the socket (end of stream or reset), polling up to wait. */
    static boolean closedWithin(Socket s, Duration wait) throws IOException {
        Instant until = Instant.now().plus(wait);
        InputStream in = s.getInputStream();
        do {
            s.setSoTimeout(50);
            try {
                while (in.read() >= 0) {
                    // an answer before the close (408) is fine: read on to the end
                }
                return true;
            } catch (java.net.SocketTimeoutException open) {
                // still open
            } catch (IOException reset) {
                return true;
            }
        } while (Instant.now().isBefore(until));
        return false;
    }
}
