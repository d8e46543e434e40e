package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's log as JSON lines: with log_format json every line of stderr is one JSON object
 * (timestamp, level, logger, message; the access lines with method, route, status, duration_ms,
 * tenant and request_id), and no key, signature or secret appears in it. The text format is
 * scanned the same way by StartupAndShutdownTest.theLabDefaultMakesAKeyOncePrintsItAndKeepsOnlyItsHash.
 */
class LogFormatProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyLineIsAJsonObjectWithTheRequestsFieldsAndNoSecretAppears() throws Exception {
        String format = "json";
        int port = ServiceHarness.freePort();
        Path config = ConfigFiles.writeWith(dir, port, ConfigFiles.tenant("acme", "lab"), ConfigFiles.LAB_ROUTES, "data",
                "\"log_format\": \"" + format + "\",\n");
        String key = ConfigFiles.KEY + "acme";
        try (ServiceProcess p = ServiceProcess.start(dir, List.of(), config.toString())) {
            p.awaitStdout("listening", Duration.ofSeconds(60));
            Http http = new Http("http://127.0.0.1:" + port);
            assertThat(http.post("/v1/analytics/events").key(key).header("X-Request-Id", "req-log-1")
                    .json(Map.of("app", "agent", "platform", "web")).send().status()).isEqualTo(201);
            assertThat(http.get("/v1/objects/a.txt").key("wrong-key-0123456789abcdef").send().status()).isEqualTo(401);
            String url = http.post("/v1/objects/presign").key(key).json(Map.of("key", "p.bin")).send().json().get("url")
                    .asText();
            String signature = URI.create(url).getQuery().replaceAll(".*signature=([^&]+).*", "$1");
            assertThat(http.put(url).bytes(new byte[] {1}, "application/octet-stream").send().status()).isEqualTo(201);
            assertThat(http.get("/v1/objects/nope.txt").key(key).send().status()).isEqualTo(404);
            p.terminate();
            p.awaitExit(Duration.ofSeconds(30));

            String log = p.stderr();
            assertThat(log).doesNotContain(key).doesNotContain("wrong-key").doesNotContain(signature);
            List<String> lines = log.lines().filter(l -> !l.isBlank()).toList();
            assertThat(lines).isNotEmpty();
            JsonNode ingest = null;
            for (String line : lines) {
                JsonNode o = JSON.readTree(line);
                assertThat(o.isObject()).as(line).isTrue();
                assertThat(o.has("timestamp") && o.has("level") && o.has("logger") && o.has("message")).as(line).isTrue();
                if (o.path("route").asText().equals("/v1/analytics/events") && o.path("method").asText().equals("POST")) {
                    ingest = o;
                }
            }
            assertThat(ingest).as("the access line of the ingest").isNotNull();
            assertThat(ingest.get("status").asInt()).isEqualTo(201);
            assertThat(ingest.get("tenant").asText()).isEqualTo("acme");
            assertThat(ingest.get("request_id").asText()).isEqualTo("req-log-1");
            assertThat(ingest.get("duration_ms").isNumber()).isTrue();
            assertThat(ingest.get("logger").asText()).isEqualTo("northstar.access");
        }
    }
}
