package northstar.bootstrap.http;

import java.util.Map;
import java.util.UUID;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The HTTP scenarios on the AWS backends: analytics and tabular data on DynamoDB (dynalite, fresh
 * tables per test), objects and media on S3 (s3proxy, a fresh bucket per test).
 */
class AwsHttpScenariosTest extends HttpScenarioSuite {
    static LocalServer dynalite;
    static LocalServer s3proxy;

    @BeforeAll
    static void startServers() {
        dynalite = LocalServer.dynalite();
        s3proxy = LocalServer.s3proxy(java.nio.file.Path.of("target/s3proxy-http"));
    }

    @AfterAll
    static void stopServers() {
        dynalite.close();
        s3proxy.close();
    }

    @Override
    protected RoutingTable routes() {
        return RoutingTable.of(ConfigFiles.dynamo(dynalite, ResourceKind.ANALYTICS_STORE),
                ConfigFiles.dynamo(dynalite, ResourceKind.TABULAR_STORE),
                new Route(ResourceKind.OBJECT_STORE, "s3", Map.of("bucket", "b-" + UUID.randomUUID().toString()
                        .substring(0, 8), "region", "us-east-1", "endpoint", s3proxy.endpoint(), "path_style", "true",
                        "credentials", "static", "access_key_id", "test", "secret_access_key", "testsecret",
                        "create_bucket", "true")));
    }

    @org.junit.jupiter.api.Test
    void theServiceStartsOnTheModulePathWithTheAwsSdks(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String aws = "\"region\": \"eu-west-1\", \"credentials\": \"static\", \"access_key_id\": \"test\"";
        String routes = "[{\"resource_kind\": \"analytics_store\", \"backend_type\": \"dynamodb\", \"config\": {"
                + aws + ", \"secret_access_key\": \"test\", \"table_name\": \"p_analytics\", \"create_table\": \"true\", "
                + "\"endpoint\": \"" + dynalite.endpoint() + "\"}},"
                + " {\"resource_kind\": \"tabular_store\", \"backend_type\": \"dynamodb\", \"config\": {" + aws
                + ", \"secret_access_key\": \"test\", \"table_name\": \"p_tables\", \"create_table\": \"true\", "
                + "\"endpoint\": \"" + dynalite.endpoint() + "\"}},"
                + " {\"resource_kind\": \"object_store\", \"backend_type\": \"s3\", \"config\": {" + aws
                + ", \"secret_access_key\": \"testsecret\", \"bucket\": \"process-bucket\", \"create_bucket\": \"true\", "
                + "\"path_style\": \"true\", \"endpoint\": \"" + s3proxy.endpoint() + "\"}}]";
        int port = freePort();
        java.nio.file.Path config = ConfigFiles.write(dir, port, ConfigFiles.tenant("acme", "saas"), routes);
        try (ServiceProcess p = ServiceProcess.start(dir, java.util.List.of(), config.toString())) {
            p.awaitStdout("listening", java.time.Duration.ofSeconds(60));
            Http http = new Http("http://127.0.0.1:" + port);
            String key = ConfigFiles.KEY + "acme";

            org.assertj.core.api.Assertions.assertThat(http.get("/readyz").send().status()).isEqualTo(200);
            org.assertj.core.api.Assertions.assertThat(http.post("/v1/analytics/events").key(key)
                    .json(Map.of("app", "a", "platform", "web")).send().status()).isEqualTo(201);
            org.assertj.core.api.Assertions.assertThat(http.put("/v1/objects/x.txt").key(key)
                    .bytes("x".getBytes(), "text/plain").send().json().get("object_ref").asText())
                    .isEqualTo("s3://process-bucket/tenants/acme/test/raw/x.txt");
            org.assertj.core.api.Assertions.assertThat(http.get("/v1/routes").key(key).send().text())
                    .doesNotContain("testsecret");
        }
    }
}
