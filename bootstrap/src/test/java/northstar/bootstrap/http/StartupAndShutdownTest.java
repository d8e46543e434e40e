package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The service as a process: what stops it before it listens, its lab default, and a clean SIGTERM. */
class StartupAndShutdownTest {
    static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    static Stream<Arguments> refusedConfigurations() {
        String lab = ConfigFiles.tenant("acme", "lab");
        return Stream.of(
                Arguments.of("missing route", lab, """
                        [ {"resource_kind": "analytics_store", "backend_type": "sqlite", "config": {"path": "n.db"}},
                          {"resource_kind": "tabular_store", "backend_type": "sqlite", "config": {"path": "n.db"}} ]""",
                        "no route for resource kind object_store (tenant acme)"),
                Arguments.of("misspelt setting", lab, ConfigFiles.LAB_ROUTES.replace("{\"path\": \"northstar.db\"}",
                        "{\"path\": \"northstar.db\", \"table_nmae\": \"t\"}"),
                        "config.routes[0].config.table_nmae: is not a setting of backend_type sqlite (its settings: path)"),
                Arguments.of("a switch that is neither true nor false", lab, ConfigFiles.LAB_ROUTES.replace("\"backend_type\": \"filesystem\", "
                        + "\"config\": {\"root\": \"objects\"}", "\"backend_type\": \"s3\", \"config\": {\"bucket\": \"b\", "
                        + "\"region\": \"eu-west-1\", \"credentials\": \"default\", \"path_style\": \"yes\"}"),
                        "config.routes[2].config.path_style: must be true or false"),
                Arguments.of("unknown backend", lab, ConfigFiles.LAB_ROUTES.replace("\"filesystem\"", "\"ftp\""),
                        "unknown backend_type ftp for object_store"),
                Arguments.of("malformed backend config", lab, ConfigFiles.LAB_ROUTES.replace("{\"path\": \"northstar.db\"}",
                        "{}"), "config.routes[0].config.path: is required"),
                Arguments.of("sqlite for a saas tenant", lab + ", " + ConfigFiles.tenant("bigco", "saas"),
                        ConfigFiles.LAB_ROUTES, "tenant bigco (mode saas) reaches the analytics_store route (backend_type "
                                + "sqlite), which serves lab mode only: set backend_type"),
                Arguments.of("filesystem for an enterprise tenant's own route", lab + ", "
                        + ConfigFiles.tenant("bank", "enterprise").replace("}]}", "}], \"routes\": [{\"resource_kind\": "
                        + "\"object_store\", \"backend_type\": \"filesystem\", \"config\": {\"root\": \"bank\"}}]}"),
                        ConfigFiles.LAB_ROUTES, "tenant bank (mode enterprise)"),
                Arguments.of("unknown mode", ConfigFiles.tenant("acme", "prod"), ConfigFiles.LAB_ROUTES,
                        "config.tenants[0].mode: must be one of lab, saas, enterprise"),
                Arguments.of("unknown resource kind", lab, ConfigFiles.LAB_ROUTES.replace("tabular_store", "queue"),
                        "config.routes[1].resource_kind: queue is not one of"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedConfigurations")
    void aConfigurationThatCannotServeStopsTheProcessBeforeItListens(String name, String tenants, String routes,
                                                                       String message) {
        int port = ServiceHarness.freePort();
        Path config = ConfigFiles.write(dir, port, tenants, routes);
        try (ServiceProcess p = ServiceProcess.start(dir, List.of(), config.toString())) {
            int exit = p.awaitExit(START);

            assertThat(exit).as(p.stderr()).isEqualTo(2);
            assertThat(p.stderr()).contains("configuration refused").contains(message);
            assertThat(p.stdout()).doesNotContain("listening");
        }
    }

    @Test
    void malformedJsonIsRefusedNamingTheFile() throws IOException {
        Path config = dir.resolve("broken.json");
        Files.writeString(config, "{\"tenants\": [");
        try (ServiceProcess p = ServiceProcess.start(dir, List.of(), config.toString())) {
            assertThat(p.awaitExit(START)).isEqualTo(2);
            assertThat(p.stderr()).contains("broken.json is not valid JSON");
        }
    }

    @Test
    void theLabDefaultMakesAKeyOncePrintsItAndKeepsOnlyItsHash() throws IOException {
        try (ServerSocket probe = new ServerSocket(8080, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(probe.isBound()).isTrue();
        } catch (java.net.BindException busy) {
            throw new AssertionError("the lab default listens on 127.0.0.1:8080, which something else holds: stop it"
                    + " (a Northstar started by hand?) and run the tests again", busy);
        }
        String key;
        try (ServiceProcess first = ServiceProcess.start(dir, List.of())) {
            first.awaitStdout("listening on http://127.0.0.1:8080", START);
            String out = first.stdout();
            key = out.lines().filter(l -> l.trim().startsWith("ns_")).findFirst().orElseThrow().trim();
            Http http = new Http("http://127.0.0.1:8080");
            assertThat(http.get("/v1/routes").key(key).send().status()).isEqualTo(200);
            assertThat(http.get("/readyz").send().status()).isEqualTo(200);
            String url = http.post("/v1/objects/presign").key(key).json(java.util.Map.of("key", "a.bin")).send().json()
                    .get("url").asText();
            assertThat(http.put(url).bytes(new byte[] {1}, "application/octet-stream").send().status()).isEqualTo(201);
            assertThat(http.get("/v1/objects/a.bin").key("wrong-key-0123456789abcdef").send().status()).isEqualTo(401);
            assertPrivate(dir.resolve("data"));
            first.terminate();
            first.awaitExit(START);
            String log = first.stderr();
            assertThat(log).contains("PUT /presigned/<path> 201").contains("GET /v1/objects/<key> 401")
                    .doesNotContain(key).doesNotContain("signature").doesNotContain("wrong-key")
                    .doesNotContain(url.substring(url.indexOf("signature=") + 10));
            first.awaitExit(START);
        }
        String stored = Files.readString(dir.resolve("data/api-keys.json"));
        assertThat(stored).doesNotContain(key).contains(northstar.bootstrap.config.Secrets.sha256Hex(key));
        assertThat(Files.getPosixFilePermissions(dir.resolve("data/api-keys.json")).toString())
                .isEqualTo("[OWNER_READ, OWNER_WRITE]");

        try (ServiceProcess second = ServiceProcess.start(dir, List.of())) {
            second.awaitStdout("listening", START);
            assertThat(second.stdout()).doesNotContain("ns_");
            assertThat(new Http("http://127.0.0.1:8080").get("/v1/routes").key(key).send().status()).isEqualTo(200);
            assertThat(second.stderr()).doesNotContain(key);
        }
    }

    /** Everything the service made under data_dir is its user's alone: directories 0700, files 0600. */
    static void assertPrivate(Path data) throws IOException {
        List<Path> made;
        try (Stream<Path> all = Files.walk(data)) {
            made = all.toList();
        }
        assertThat(made).extracting(p -> data.relativize(p).toString())
                .contains("", "northstar.db", "northstar.db-wal", "journal", "objects", ".lock", "api-keys.json");
        for (Path p : made) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                    .as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
        }
    }

    @Test
    void aSecondProcessOnTheSameDataDirIsRefusedNamingTheHolder() {
        int port = ServiceHarness.freePort();
        Path config = ConfigFiles.write(dir, port, ConfigFiles.tenant("acme", "lab"), ConfigFiles.LAB_ROUTES);
        Path other = ConfigFiles.write(dir.resolve("other"), ServiceHarness.freePort(), ConfigFiles.tenant("acme", "lab"),
                ConfigFiles.LAB_ROUTES);
        try (ServiceProcess first = ServiceProcess.start(dir, List.of(), config.toString())) {
            first.awaitStdout("listening", START);
            // same file, another port: it must not share the first one's SQLite files and presign secret
            Path sameData = ConfigFiles.write(dir.resolve("again"), ServiceHarness.freePort(),
                    ConfigFiles.tenant("acme", "lab"), ConfigFiles.LAB_ROUTES, "../data");
            try (ServiceProcess second = ServiceProcess.start(dir, List.of(), sameData.toString())) {
                assertThat(second.awaitExit(START)).as(second.stderr()).isEqualTo(2);
                assertThat(second.stderr()).contains("configuration refused").contains("is in use by another Northstar process")
                        .contains("pid " + first.pid());
                assertThat(second.stdout()).doesNotContain("listening");
            }
            // a data_dir of its own starts beside it
            try (ServiceProcess third = ServiceProcess.start(dir, List.of(), other.toString())) {
                third.awaitStdout("listening", START);
            }
            assertThat(first.alive()).isTrue();
        }
    }

    @Test
    void sigtermFinishesTheRequestInFlightThenClosesCleanly() throws Exception {
        int port = ServiceHarness.freePort();
        Path config = ConfigFiles.write(dir, port, ConfigFiles.tenant("acme", "lab"), ConfigFiles.LAB_ROUTES);
        byte[] half = new byte[1024 * 1024];
        try (ServiceProcess p = ServiceProcess.start(dir, List.of(), config.toString())) {
            p.awaitStdout("listening", START);
            HttpURLConnection upload = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/v1/objects/in-flight.bin")
                    .toURL().openConnection();
            upload.setRequestMethod("PUT");
            upload.setRequestProperty("Authorization", "Bearer " + ConfigFiles.KEY + "acme");
            upload.setDoOutput(true);
            upload.setFixedLengthStreamingMode(2L * half.length);
            try (OutputStream out = upload.getOutputStream()) {
                out.write(half);
                out.flush();
                Thread.sleep(300);
                p.terminate();
                Thread.sleep(500);
                assertThat(p.alive()).as("still serving the request in flight").isTrue();
                out.write(half);
            }
            int status = upload.getResponseCode();
            try (InputStream in = upload.getInputStream()) {
                in.readAllBytes();
            }

            assertThat(status).isEqualTo(201);
            assertThat(p.awaitExit(START)).isEqualTo(143);
            assertThat(p.stderr()).contains("PUT /v1/objects/<key> 201").contains("Service - stopped");
        }
        try (ServiceProcess again = ServiceProcess.start(dir, List.of(), config.toString())) {
            again.awaitStdout("listening", START);
            Http.Response r = new Http("http://127.0.0.1:" + port).head("/v1/objects/in-flight.bin")
                    .key(ConfigFiles.KEY + "acme").send();
            assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(2 * half.length));
        }
    }
}
