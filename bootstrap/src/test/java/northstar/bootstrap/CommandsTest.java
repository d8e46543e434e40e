package northstar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import northstar.adapters.persistence.dynamodb.DynamoDbAnalyticsStore;
import northstar.adapters.persistence.dynamodb.DynamoDbSettings;
import northstar.bootstrap.config.ConfigFile;
import northstar.bootstrap.config.LabDefaults;
import northstar.bootstrap.config.Secrets;
import northstar.application.analytics.NewEvent;
import northstar.domain.Mode;
import northstar.domain.RequestContext;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.Platform;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each operator command, run as the command line runs it (Main.run), against real files and servers. */
class CommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path config(String tenants, String routes) throws Exception {
        String json = "{\"listen\": \"127.0.0.1:0\", \"data_dir\": \"data\", \"env\": \"test\", \"tenants\": [" + tenants
                + "], \"routes\": " + routes + "}";
        Path file = dir.resolve("northstar-" + System.nanoTime() + ".json");
        Files.writeString(file, json);
        return file;
    }

    private static final String LAB_TENANT = "{\"tenant_id\": \"acme\", \"mode\": \"lab\", \"api_keys\": [{\"name\": \"k\","
            + " \"sha256\": \"" + "ab".repeat(32) + "\"}]}";
    private static final String LAB_ROUTES = """
            [ {"resource_kind": "analytics_store", "backend_type": "sqlite", "config": {"path": "n.db"}},
              {"resource_kind": "tabular_store", "backend_type": "sqlite", "config": {"path": "n.db"}},
              {"resource_kind": "object_store", "backend_type": "filesystem", "config": {"root": "objects"}} ]""";

    @Test
    void keysNewPrintsAKeyOnceAndTheConfigEntryWithItsHash() throws Exception {
        Run r = run("keys", "new", "--tenant", "acme", "--admin", "--projects", "p1,p2", "--name", "ci");

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        String key = lines.get(1).trim();
        assertThat(key).startsWith("ns_");
        JsonNode entry = JSON.readTree(lines.get(3).trim());
        assertThat(entry.get("sha256").asText()).isEqualTo(Secrets.sha256Hex(key));
        assertThat(entry.get("name").asText()).isEqualTo("ci");
        assertThat(entry.get("admin").asBoolean()).isTrue();
        assertThat(entry.get("projects")).extracting(JsonNode::asText).containsExactly("p1", "p2");
        // the entry is one the config file takes: the key it names authenticates the tenant
        Path file = config("{\"tenant_id\": \"acme\", \"mode\": \"lab\", \"api_keys\": [" + lines.get(3).trim() + "]}",
                LAB_ROUTES);
        assertThat(ConfigFile.read(file).tenants().getFirst().apiKeys().getFirst().sha256())
                .isEqualTo(Secrets.sha256Hex(key));

        assertThat(run("keys", "new", "--tenant", "Not A Slug").exit()).isEqualTo(2);
        assertThat(run("keys", "rotate").err()).contains("keys takes one sub-command: new");
    }

    @Test
    void keysNewLabReplacesALostLabKey() throws Exception {
        Path data = dir.resolve("data");
        String lost = LabDefaults.load(data).newApiKey().orElseThrow();

        Run r = run("keys", "new", "--lab", "--data", data.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        String fresh = r.out().lines().toList().get(1).trim();
        String kept = LabDefaults.load(data).config().tenants().getFirst().apiKeys().getFirst().sha256();
        assertThat(kept).isEqualTo(Secrets.sha256Hex(fresh)).isNotEqualTo(Secrets.sha256Hex(lost));
        assertThat(LabDefaults.load(data).newApiKey()).as("a key is kept: none made at the next start").isEmpty();
        assertThat(Files.getPosixFilePermissions(data.resolve("api-keys.json")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void configCheckValidatesAsStartupDoesWithoutStarting() throws Exception {
        Run ok = run("config", "check", config(LAB_TENANT, LAB_ROUTES).toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("configuration ok: 1 tenant(s), 3 route(s)");
        assertThat(dir.resolve("data")).as("nothing was opened").doesNotExist();

        Run typo = run("config", "check", config(LAB_TENANT, LAB_ROUTES.replace("{\"path\": \"n.db\"}",
                "{\"path\": \"n.db\", \"table_nmae\": \"t\"}")).toString());
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("configuration refused: config.routes[0].config.table_nmae: is not a setting");

        Run saas = run("config", "check", config(LAB_TENANT.replace("\"lab\"", "\"saas\""), LAB_ROUTES).toString());
        assertThat(saas.exit()).isEqualTo(2);
        assertThat(saas.err()).contains("tenant acme (mode saas) reaches the analytics_store route (backend_type sqlite),"
                + " which serves lab mode only");
    }

    /** The shipped lab example starts as it is: it passes the startup validation and needs no cloud. */
    @Test
    void theShippedLabExampleIsAValidConfiguration() {
        Run r = run("config", "check", northstar.bootstrap.http.ServiceProcess.repositoryRoot()
                .resolve("docs/examples/lab-two-tenants.json").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("configuration ok: 2 tenant(s), 3 route(s)");
    }

    @Test
    void tablesCreateMakesTheTablesAConfigNames() throws Exception {
        try (LocalServer dynalite = LocalServer.dynalite()) {
            String table = "created_" + System.nanoTime();
            String route = "{\"resource_kind\": \"analytics_store\", \"backend_type\": \"dynamodb\", \"config\": "
                    + "{\"table_name\": \"" + table + "\", \"region\": \"eu-west-1\", \"endpoint\": \"" + dynalite.endpoint()
                    + "\", \"credentials\": \"static\", \"access_key_id\": \"t\", \"secret_access_key\": \"t\"}}";
            Route asConfigured = new Route(ResourceKind.ANALYTICS_STORE, "dynamodb", Map.of("table_name", table, "region",
                    "eu-west-1", "endpoint", dynalite.endpoint(), "credentials", "static", "access_key_id", "t",
                    "secret_access_key", "t"));
            try (var before = new DynamoDbAnalyticsStore(DynamoDbSettings.parse(asConfigured))) {
                org.assertj.core.api.Assertions.assertThatThrownBy(before::probe).as("no table yet");
            }

            Run r = run("tables", "create", config(LAB_TENANT, LAB_ROUTES.replaceFirst(
                    "\\{\"resource_kind\": \"analytics_store\"[^}]*}}", java.util.regex.Matcher.quoteReplacement(route)))
                    .toString());

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("analytics_store route (backend_type dynamodb): ready (create_table)")
                    .contains("tabular_store route (backend_type sqlite): made on first start");
            try (var after = new DynamoDbAnalyticsStore(DynamoDbSettings.parse(asConfigured))) {
                after.probe();
            }
        }
    }

    @Test
    void exportStreamsATenantsEventsInOrderAsJsonLinesOrCsv() throws Exception {
        Path file = config(LAB_TENANT, LAB_ROUTES);
        Instant t = Instant.parse("2026-03-01T00:00:00Z");
        try (Northstar opened = Northstar.open(file)) {
            for (String project : List.of("p1", "p2")) {
                var ctx = new RequestContext("acme", Mode.LAB, "test", project, null, "r-" + project);
                List<NewEvent> events = new java.util.ArrayList<>();
                for (int i = project.equals("p1") ? 0 : 1; i < 1_205; i += 2) {
                    events.add(new NewEvent(String.format("e-%05d", i), new Dimensions("agent", null, Platform.WEB, null,
                            null, null, null), null, Map.of("note", "a, \"quoted\"\nline"), null, null, null,
                            t.plusMillis(i)));
                }
                for (int from = 0; from < events.size(); from += 500) {
                    opened.useCases().analytics().ingestBatch(ctx, events.subList(from, Math.min(events.size(), from + 500)));
                }
            }
        }

        Run all = run("export", "--config", file.toString(), "--tenant", "acme", "--from", t.toString(), "--to",
                t.plusSeconds(3600).toString());
        assertThat(all.exit()).as(all.err()).isZero();
        List<String> lines = all.out().lines().toList();
        assertThat(lines).hasSize(1_205);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode e = JSON.readTree(lines.get(i));
            assertThat(e.get("analytics_id").asText()).isEqualTo(String.format("e-%05d", i));
        }
        assertThat(all.err()).contains("export: 1205 events of tenant acme (*)");

        Run p2 = run("export", "--config", file.toString(), "--tenant", "acme", "--from", t.toString(), "--to",
                t.plusSeconds(3600).toString(), "--project", "p2", "--format", "csv");
        assertThat(p2.exit()).as(p2.err()).isZero();
        // a header, then p2's 602 events; the payload cell is quoted, its quotes doubled
        List<String> csv = p2.out().lines().toList();
        assertThat(csv.getFirst()).startsWith("analytics_id,tenant_id,mode,project_id,");
        assertThat(csv).hasSize(1 + 602);
        assertThat(csv.get(1)).startsWith("e-00001,acme,lab,p2,agent,,web,").contains("\"{\"\"note\"\":\"\"a, \\\"\"quoted");

        Run bad = run("export", "--config", file.toString(), "--tenant", "acme", "--from", "yesterday", "--to", "now");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--from must be an ISO-8601 instant");
    }

    @Test
    void rollupsRebuildRecountsTheReportFromTheStoredEvents() throws Exception {
        Path file = config(LAB_TENANT, LAB_ROUTES);
        Instant t = Instant.parse("2026-05-01T10:00:00Z");
        var ctx = new RequestContext("acme", Mode.LAB, "test", "default", null, "r-1");
        try (Northstar opened = Northstar.open(file)) {
            // events stored straight into the store, past the rollups (as before rollups existed)
            List<northstar.domain.analytics.AnalyticsRecord> records = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                records.add(new northstar.domain.analytics.AnalyticsRecord("old-" + i, "acme", Mode.LAB, "default",
                        new Dimensions(i % 2 == 0 ? "agent" : "coder", null, Platform.WEB, null, null, null, null), null,
                        Map.of(), null, northstar.domain.analytics.EventStatus.SUCCESS, null, t.plusSeconds(i * 240L), t));
            }
            opened.router().analytics(ctx).store().ingest(records);
        }

        Run r = run("rollups", "rebuild", "--config", file.toString(), "--tenant", "acme", "--from", t.toString(), "--to",
                t.plusSeconds(7200).toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("rollups: recounted 30 events of tenant acme");

        try (Northstar opened = Northstar.open(file)) {
            var report = opened.useCases().insight().report(ctx, northstar.domain.ProjectScope.of(ctx), t,
                    t.plusSeconds(7200), "hour", List.of("app"));
            Map<String, Long> byApp = new java.util.TreeMap<>();
            report.series().forEach(s -> s.points().forEach(p -> byApp.merge(s.group().get("app") + " " + p.start(),
                    p.events(), Long::sum)));
            assertThat(byApp).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                    "agent 2026-05-01T10:00:00Z", 8L, "coder 2026-05-01T10:00:00Z", 7L,
                    "agent 2026-05-01T11:00:00Z", 7L, "coder 2026-05-01T11:00:00Z", 8L)));
        }
        assertThat(run("rollups", "rebuild", "--config", file.toString(), "--tenant", "acme", "--from", t.toString(),
                "--to", t.toString()).exit()).isEqualTo(2);
        assertThat(run("rollups", "frobnicate").err()).contains("rollups takes rebuild");
    }

    @Test
    void anAddressInUseIsOneLineAndExitTwo() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Run r = run("serve", config(LAB_TENANT, LAB_ROUTES).toString(), "--listen", "127.0.0.1:" + busy.getLocalPort());

            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err().strip()).isEqualTo("northstar: 127.0.0.1:" + busy.getLocalPort() + " is in use: stop what"
                    + " listens there, or choose another address with --listen HOST:PORT (or \"listen\" in the config file)");
        }
        assertThat(run("serve", "--listen", "nowhere").err()).contains("--listen: must be host:port");
        assertThat(run("frobnicate").err()).contains("unknown command frobnicate").contains("usage: northstar");
    }
}
