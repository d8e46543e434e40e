package northstar.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import northstar.adapters.blob.filesystem.FilesystemObjectStore;
import northstar.adapters.blob.filesystem.FilesystemPresigner;
import northstar.adapters.http.wire.EventView;
import northstar.adapters.persistence.sqlite.SqliteBackends;
import northstar.application.UseCases;
import northstar.application.routing.BackendCatalog;
import northstar.application.routing.StoreRouter;
import northstar.domain.Mode;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handlers on a real Javalin server on a free port, over the use cases and the embedded
 * backends: authentication, the wire records in and out, refusals named by JSON path, a presigned
 * upload through the service, the body bound.
 */
class HttpApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACME = "acme-key-0123456789";
    static final String GLOBEX = "globex-key-0123456789";

    Path dir;
    StoreRouter router;
    HttpApi api;
    private UseCases useCases;

    /** An answer: status, content type, body. */
    record Answer(int statusCode, String contentType, byte[] body) {
    }

    @BeforeEach
    public void start() throws IOException {
        dir = Files.createTempDirectory("northstar-http-");
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        FilesystemObjectStore files = new FilesystemObjectStore(dir.resolve("objects"), new FilesystemPresigner(
                "0123456789abcdef0123456789abcdef".getBytes(), URI.create("http://127.0.0.1:" + port), Clock.systemUTC()));
        SqliteBackends sqlite = new SqliteBackends();
        Map<String, String> db = Map.of("path", dir.resolve("n.db").toString());
        router = new StoreRouter(RoutingTable.of(new Route(ResourceKind.ANALYTICS_STORE, "sqlite", db),
                new Route(ResourceKind.TABULAR_STORE, "sqlite", db),
                new Route(ResourceKind.OBJECT_STORE, "filesystem", Map.of())), new BackendCatalog()
                .analytics("sqlite", sqlite::analytics).tabular("sqlite", sqlite::tabular).objects("filesystem", r -> files));
        Map<String, Principal> keys = Map.of(ACME, new Principal("acme", Mode.LAB, "test", "default", false),
                GLOBEX, new Principal("globex", Mode.LAB, "test", "default", false));
        ApiKeys apiKeys = new ApiKeys() {
            @Override
            public Optional<Principal> authenticate(String presentedKey) {
                return Optional.ofNullable(keys.get(presentedKey));
            }

            @Override
            public Optional<Principal> tenant(String tenantId) {
                return keys.values().stream().filter(p -> p.tenantId().equals(tenantId)).findFirst();
            }
        };
        useCases = UseCases.over(router, Clock.systemUTC());
        api = HttpApi.create(useCases, router, apiKeys,
                new HttpApi.Settings("127.0.0.1", port, 4096, Duration.ofSeconds(2))).start();
    }

    @AfterEach
    public void stop() throws IOException {
        api.close();
        useCases.close();
        router.close();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    Answer send(String method, String path, String key, String contentType, byte[] body) throws IOException {
        var c = (java.net.HttpURLConnection) URI.create(path.startsWith("http") ? path
                : "http://127.0.0.1:" + api.port() + path).toURL().openConnection();
        c.setRequestMethod(method);
        c.setRequestProperty("Connection", "close");
        if (key != null) {
            c.setRequestProperty("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            c.setRequestProperty("Content-Type", contentType);
        }
        if (body != null) {
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length);
            try (var out = c.getOutputStream()) {
                out.write(body);
            } catch (IOException refusedMidBody) {
                // a body over a limit may be refused before it is all sent: the answer says why
            }
        }
        int status = c.getResponseCode();
        try (var in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            return new Answer(status, c.getContentType(), in == null ? new byte[0] : in.readAllBytes());
        } finally {
            c.disconnect();
        }
    }

    Answer json(String method, String path, String key, String body) throws IOException {
        return send(method, path, key, "application/json", body.getBytes());
    }

    static JsonNode body(Answer r) throws IOException {
        return JSON.readTree(r.body());
    }

    @Test
    void withoutAValidKeyEveryCallIsA401Problem() throws Exception {
        for (String key : new String[] {null, "not-a-key"}) {
            Answer r = send("GET", "/v1/whoami", key, null, null);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(body(r).get("code").asText()).isEqualTo("UNAUTHENTICATED");
        }
    }

    @Test
    void anEventAnswersAsItsWireRecordWithEveryFieldInSnakeCase() throws Exception {
        Answer created = json("POST", "/v1/analytics/events", ACME,
                "{\"app\":\"agent\",\"platform\":\"web\",\"run_id\":\"r1\",\"step_id\":\"2\",\"payload\":{\"n\":1}}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = body(created).get("analytics_id").asText();

        JsonNode event = body(send("GET", "/v1/analytics/events/" + id, ACME, null, null));
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = event.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        Set<String> components = new TreeSet<>();
        for (var c : EventView.class.getRecordComponents()) {
            components.add(c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(names).isEqualTo(components);
        assertThat(event.get("payload").get("n").asLong()).isEqualTo(1);
        assertThat(send("GET", "/v1/analytics/events/" + id, GLOBEX, null, null).statusCode())
                .as("another tenant's event").isEqualTo(404);
    }

    @Test
    void aBatchRefusesOnlyTheItemThatFailsNamingItsJsonPath() throws Exception {
        Answer r = json("POST", "/v1/analytics/events:batch", ACME, "{\"events\":["
                + "{\"app\":\"a\",\"platform\":\"web\"},"
                + "{\"app\":\"a\",\"platform\":\"web\",\"usage\":{\"provider\":\"openai\",\"metric\":\"tokens\",\"amount\":\"9\"}},"
                + "{\"app\":\"a\",\"platform\":\"web\",\"colour\":\"red\"}]}");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode results = body(r).get("results");
        assertThat(results.get(0).get("state").asText()).isEqualTo("stored");
        assertThat(results.get(1).get("field").asText()).isEqualTo("events[1].usage.amount");
        assertThat(results.get(1).get("http_status").asInt()).isEqualTo(400);
        assertThat(results.get(2).get("field").asText()).isEqualTo("events[2].colour");
    }

    @Test
    void aPresignedUploadGoesThroughTheServiceOnceWithItsContentType() throws Exception {
        JsonNode presigned = body(json("POST", "/v1/objects/presign", ACME,
                "{\"key\":\"in/cat.png\",\"content_type\":\"image/png\",\"max_bytes\":64}"));
        String url = presigned.get("url").asText();
        assertThat(presigned.get("enforced")).extracting(JsonNode::asText)
                .containsExactly("content_type", "max_bytes", "no_overwrite");

        assertThat(send("PUT", url, null, "text/html", "<b>".getBytes()).statusCode()).isEqualTo(403);
        assertThat(send("PUT", url, null, "image/png", new byte[65]).statusCode()).isEqualTo(413);
        assertThat(send("PUT", url, null, "image/png", "png".getBytes()).statusCode()).isEqualTo(201);
        assertThat(send("PUT", url, null, "image/png", "png".getBytes()).statusCode()).as("single use").isEqualTo(409);
        assertThat(new String(send("GET", "/v1/objects/in/cat.png", ACME, null, null).body())).isEqualTo("png");
        assertThat(send("GET", "/v1/objects/in/cat.png", GLOBEX, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aJsonBodyOverTheLimitIsA413AndChangesNothing() throws Exception {
        String big = "{\"app\":\"a\",\"platform\":\"web\",\"payload\":{\"x\":\"" + "y".repeat(5000) + "\"}}";
        assertThat(json("POST", "/v1/analytics/events", ACME, big).statusCode()).isEqualTo(413);
        assertThat(body(send("GET", "/v1/analytics/events?start=2000-01-01T00:00:00Z&end=2100-01-01T00:00:00Z",
                ACME, null, null)).get("items")).isEmpty();
    }
}
