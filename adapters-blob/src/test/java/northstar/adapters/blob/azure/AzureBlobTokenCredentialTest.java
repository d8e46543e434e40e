package northstar.adapters.blob.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import northstar.domain.objects.ObjectKey;
import northstar.domain.objects.ObjectNamespace;
import northstar.domain.objects.ObjectStore;
import northstar.domain.objects.PresignedRequest;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.testkit.servers.LocalServer;
import northstar.testkit.ObjectStoreContract;
import northstar.testkit.servers.PlainHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The ObjectStore contract on Azure Blob with a token credential instead of the account key: Azurite
 * over HTTPS with OAuth on, the client authenticating with bearer tokens, presigned PUTs as user
 * delegation SAS. Azurite checks a token's issuer, audience and lifetime (not its signature), so the
 * test's credential issues unsigned tokens with real-looking claims.
 */
class AzureBlobTokenCredentialTest extends ObjectStoreContract {
    static LocalServer azurite;
    static SSLContext tls;
    static final List<String> SCOPES = new CopyOnWriteArrayList<>();

    /** Tokens as Microsoft Entra issues them for Azure Storage, unsigned. */
    static final TokenCredential ENTRA = request -> {
        SCOPES.addAll(request.getScopes());
        long now = Instant.now().getEpochSecond();
        String tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        String claims = "{\"aud\":\"https://storage.azure.com\",\"iss\":\"https://sts.windows.net/" + tenant + "/\","
                + "\"iat\":" + (now - 60) + ",\"nbf\":" + (now - 60) + ",\"exp\":" + (now + 3600) + ",\"tid\":\"" + tenant
                + "\",\"oid\":\"11059fcc-5514-4800-b5f8-49808b9cfab6\"}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String jwt = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
        return Mono.just(new AccessToken(jwt, OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(55)));
    };

    @BeforeAll
    static void startAzurite() throws IOException, GeneralSecurityException {
        Path dir = Path.of("target/azurite-https");
        azurite = LocalServer.azuriteHttps(dir);
        Path store = dir.resolve("tls.p12").toAbsolutePath();
        // the SDK's HTTP client (Netty) trusts what the JDK's default trust store holds: this test's certificate
        System.setProperty("javax.net.ssl.trustStore", store.toString());
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        System.setProperty("javax.net.ssl.trustStorePassword", LocalServer.TEST_TLS_PASSWORD);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, LocalServer.TEST_TLS_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
    }

    @AfterAll
    static void stopAzurite() {
        azurite.close();
        System.clearProperty("javax.net.ssl.trustStore");
        System.clearProperty("javax.net.ssl.trustStoreType");
        System.clearProperty("javax.net.ssl.trustStorePassword");
    }

    static Route route() {
        return new Route(ResourceKind.OBJECT_STORE, "azure_blob", Map.of("endpoint", azurite.azuriteHttpsEndpoint(),
                "credential", "managed_identity", "container", "c" + UUID.randomUUID().toString().replace("-", ""),
                "create_container", "true"));
    }

    @Override
    protected ObjectStore newStore() {
        return new AzureBlobObjectStore(route(), ENTRA);
    }

    @Override
    protected boolean sendPresigned(PresignedRequest request, String url, byte[] body) throws IOException {
        int status = PlainHttp.send(request, url, body, tls);
        assertThat(status).as("Azure answers success or 403, nothing else").isIn(201, 403);
        return status == 201;
    }

    @Test
    void theClientAsksForStorageTokensAndPresignsWithAUserDelegationKey() {
        PresignedRequest req = store.presignPut(new ObjectNamespace("t1", "test"), ObjectKey.of("a.txt"),
                Duration.ofMinutes(5), "text/plain");

        assertThat(SCOPES).isNotEmpty().containsOnly("https://storage.azure.com/.default");
        assertThat(req.url()).startsWith("https://").contains("skoid=").contains("sktid=").contains("sp=cw&")
                .contains("spr=https&");
    }

    private static String param(String url, String name) {
        for (String pair : java.net.URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** The longest SAS the port allows is signed (ending with its key at the latest), and keys are reused. */
    @Test
    void aSevenDaySasIsSignedAndItsDelegationKeyIsReused() throws IOException {
        ObjectNamespace ns = new ObjectNamespace("t1", "test");
        PresignedRequest week = store.presignPut(ns, ObjectKey.of("week.txt"), Duration.ofDays(7), "text/plain");
        PresignedRequest hour = store.presignPut(ns, ObjectKey.of("hour.txt"), Duration.ofHours(1), "text/plain");

        assertThat(week.expiresAt()).isBetween(Instant.now().plus(Duration.ofDays(7)).minus(Duration.ofMinutes(2)),
                Instant.now().plus(Duration.ofDays(7)));
        assertThat(sendPresigned(week, week.url(), "w".getBytes())).isTrue();
        assertThat(sendPresigned(hour, hour.url(), "h".getBytes())).isTrue();
        assertThat(param(hour.url(), "skt")).as("the same delegation key").isEqualTo(param(week.url(), "skt"));
    }
}
