package northstar.adapters.persistence.cosmos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Cosmos launcher (.ci/test-servers/cosmos.js) and its shims, over raw HTTPS: what each shim
 * answers, that the server keeps serving after the requests it used to crash on, and that it
 * listens on loopback only and stops when the test's pipe to it closes.
 */
class CosmosLauncherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static LocalServer cosmos;

    @BeforeAll
    static void start() throws IOException {
        cosmos = LocalServer.cosmos();
        send("POST", "dbs", Map.of(), "{\"id\":\"shims\"}");
        send("POST", "dbs/shims/colls", Map.of(),
                "{\"id\":\"c\",\"partitionKey\":{\"paths\":[\"/tenant_id\"],\"kind\":\"Hash\"}}");
    }

    @AfterAll
    static void stop() {
        cosmos.close();
    }

    record Answer(int status, JsonNode body) {
    }

    /** A raw HTTPS request; the server's certificate is self-signed, so this one client trusts it. */
    static Answer send(String method, String path, Map<String, String> headers, String body) throws IOException {
        HttpsURLConnection c = (HttpsURLConnection) URI.create(cosmos.cosmosEndpoint() + path).toURL().openConnection();
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new X509TrustManager() {
                public void checkClientTrusted(X509Certificate[] chain, String auth) {
                }

                public void checkServerTrusted(X509Certificate[] chain, String auth) {
                }

                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            c.setSSLSocketFactory(tls.getSocketFactory());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        c.setHostnameVerifier((host, session) -> "127.0.0.1".equals(host));
        c.setRequestMethod(method);
        headers.forEach(c::setRequestProperty);
        if (body != null) {
            c.setDoOutput(true);
            if (!headers.containsKey("content-type")) {
                c.setRequestProperty("content-type", "application/json");
            }
            c.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        }
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(status, text.isEmpty() ? JSON.nullNode() : JSON.readTree(text));
        }
    }

    @Test
    void aQueryPlanRequestGetsAPassThroughPlanOverTheOneKeyRange() throws IOException {
        Answer plan = send("POST", "dbs/shims/colls/c/docs", Map.of("x-ms-cosmos-is-query-plan-request", "True",
                "x-ms-documentdb-isquery", "True"), "{\"query\":\"SELECT * FROM c WHERE c.tenant_id = @t ORDER BY c.ts\"}");

        assertThat(plan.status()).isEqualTo(200);
        assertThat(plan.body().at("/queryInfo/orderBy").size()).isZero();
        assertThat(plan.body().at("/queryInfo/rewrittenQuery").asText()).isEmpty();
        assertThat(plan.body().at("/queryInfo/hasSelectValue").asBoolean()).isFalse();
        assertThat(plan.body().at("/queryRanges/0/min").asText()).isEmpty();
        assertThat(plan.body().at("/queryRanges/0/max").asText()).isEqualTo("FF");

        Answer value = send("POST", "dbs/shims/colls/c/docs", Map.of("x-ms-cosmos-is-query-plan-request", "True"),
                "{\"query\":\"select value count(1) from c\"}");
        assertThat(value.body().at("/queryInfo/hasSelectValue").asBoolean()).isTrue();
    }

    @Test
    void readingAMissingDocumentIsNotFoundAndTheServerKeepsServing() throws IOException {
        Answer missing = send("GET", "dbs/shims/colls/c/docs/nope", Map.of("x-ms-documentdb-partitionkey", "[\"t\"]"),
                null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("code").asText()).isEqualTo("NotFound");

        Answer created = send("POST", "dbs/shims/colls/c/docs", Map.of("x-ms-documentdb-partitionkey", "[\"t\"]"),
                "{\"id\":\"there\",\"tenant_id\":\"t\"}");
        Answer read = send("GET", "dbs/shims/colls/c/docs/there", Map.of("x-ms-documentdb-partitionkey", "[\"t\"]"),
                null);
        assertThat(created.status()).isEqualTo(201);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("tenant_id").asText()).isEqualTo("t");
    }

    @Test
    void otherRequestsReachTheServerUnchanged() throws IOException {
        Answer query = send("POST", "dbs/shims/colls/c/docs", Map.of("x-ms-documentdb-isquery", "True",
                        "content-type", "application/query+json", "x-ms-documentdb-partitionkey", "[\"t\"]"),
                "{\"query\":\"SELECT * FROM c WHERE c.tenant_id = @t\",\"parameters\":[{\"name\":\"@t\",\"value\":\"t\"}]}");
        assertThat(query.status()).isEqualTo(200);
        assertThat(query.body().get("Documents")).isNotNull();
    }

    @Test
    void listensOnLoopbackAndStopsWhenItsStdinCloses() throws InterruptedException {
        LocalServer server = LocalServer.cosmos();
        assertThat(server.accepting()).isTrue();

        server.close();

        for (int i = 0; i < 50 && server.accepting(); i++) {
            Thread.sleep(100);
        }
        assertThat(server.accepting()).isFalse();
    }
}
