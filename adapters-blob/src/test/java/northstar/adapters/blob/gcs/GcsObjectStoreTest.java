package northstar.adapters.blob.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import northstar.domain.objects.ObjectKey;
import northstar.domain.objects.ObjectNamespace;
import northstar.domain.objects.ObjectStore;
import northstar.domain.objects.PresignedRequest;
import northstar.domain.objects.PutOptions;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.testkit.servers.LocalServer;
import northstar.testkit.ObjectStoreContract;
import northstar.testkit.servers.ServiceAccountKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ObjectStore contract on Cloud Storage, against the firebase-tools storage emulator started by
 * the test on 127.0.0.1. The route authenticates with a service-account key made for the test, whose
 * tokens come from the launcher. The emulator does not accept uploads to signed URLs, so a presigned
 * PUT is checked as Cloud Storage would check it, its V4 signature verified with the key's public
 * half, and when it holds the upload is done as Cloud Storage would then do it.
 */
class GcsObjectStoreTest extends ObjectStoreContract {
    static LocalServer gcs;
    static ServiceAccountKeys key;

    @BeforeAll
    static void startGcs() {
        gcs = LocalServer.gcs(Path.of("target/gcs"));
        key = ServiceAccountKeys.write(Path.of("target/gcs-keys").toAbsolutePath(), "northstar-test",
                gcs.endpoint() + "/token");
    }

    @AfterAll
    static void stopGcs() {
        gcs.close();
    }

    static Route route(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of("project", "northstar-test", "bucket",
                "b" + UUID.randomUUID().toString().replace("-", ""), "credentials", "service_account", "key_file",
                key.file().toString(), "endpoint", gcs.endpoint(), "create_bucket", "true"));
        config.putAll(extra);
        return new Route(ResourceKind.OBJECT_STORE, "gcs", config);
    }

    /** What bootstrap builds for credentials: service_account: the key file, loaded. */
    static com.google.auth.oauth2.GoogleCredentials credentials() {
        try (var in = java.nio.file.Files.newInputStream(key.file())) {
            return com.google.auth.oauth2.ServiceAccountCredentials.fromStream(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Chunks of 2 MiB rather than the default 4: the client library holds a chunk per upload, and the
     * kit's four concurrent writers and four readers then fit the 64 MiB test heap with room to spare.
     */
    @Override
    protected ObjectStore newStore() {
        return new GcsObjectStore(route(Map.of("chunk_size_mb", "2")), credentials());
    }

    @Override
    protected boolean sendPresigned(PresignedRequest request, String url, byte[] body) {
        if (!SignedUrls.verify(url, request.method(), request.headers(), key.keys().getPublic(), Instant.now())) {
            return false;
        }
        // accepted: the object is what the URL names, with the body and the Content-Type it was sent with,
        // under the signed extension headers as Cloud Storage applies them (the emulator takes no signed upload)
        String range = request.headers().get("x-goog-content-length-range");
        if (range != null && body.length > Long.parseLong(range.substring(range.indexOf(',') + 1))) {
            return false; // 400 EntityTooLarge
        }
        boolean onlyNew = "0".equals(request.headers().get("x-goog-if-generation-match"));
        String path = URLDecoder.decode(URI.create(url).getRawPath(), StandardCharsets.UTF_8);
        String[] parts = path.split("/", 7); // "", bucket, tenants, tenant, env, raw, key
        ObjectNamespace ns = new ObjectNamespace(parts[3], parts[4]);
        ObjectKey key = ObjectKey.of(parts[6]);
        if (onlyNew && store.head(ns, key).isPresent()) {
            return false; // 412 Precondition Failed
        }
        store.put(ns, key, new ByteArrayInputStream(body), new PutOptions(request.headers().get("Content-Type"),
                body.length, null, onlyNew));
        return true;
    }

    @Test
    void aSignedUrlIsBoundToItsKeyContentTypeAndExpiry() {
        PresignedRequest req = store.presignPut(new ObjectNamespace("t1", "test"), ObjectKey.of("a.png"),
                Duration.ofMinutes(10), "image/png");

        assertThat(req.url()).startsWith(gcs.endpoint() + "/").contains("X-Goog-Algorithm=GOOG4-RSA-SHA256")
                .contains("X-Goog-SignedHeaders=content-type%3Bhost").contains("/tenants/t1/test/raw/a.png?");
        assertThat(SignedUrls.verify(req.url(), "PUT", req.headers(), key.keys().getPublic(), Instant.now())).isTrue();
        assertThat(SignedUrls.verify(req.url(), "PUT", Map.of("Content-Type", "text/html"), key.keys().getPublic(),
                Instant.now())).as("another Content-Type").isFalse();
        assertThat(SignedUrls.verify(req.url(), "GET", req.headers(), key.keys().getPublic(), Instant.now()))
                .as("another method").isFalse();
        assertThat(SignedUrls.verify(req.url().replace("a.png", "b.png"), "PUT", req.headers(), key.keys().getPublic(),
                Instant.now())).as("another key").isFalse();
        assertThat(SignedUrls.verify(req.url(), "PUT", req.headers(), key.keys().getPublic(),
                Instant.now().plus(Duration.ofMinutes(11)))).as("after its expiry").isFalse();
        assertThat(SignedUrls.verify(req.url(), "PUT", req.headers(), ServiceAccountKeys.write(
                Path.of("target/gcs-keys").toAbsolutePath(), "other").keys().getPublic(), Instant.now()))
                .as("another signer").isFalse();
    }

    @Test
    void objectRefsNameTheBucket() {
        Route r = route(Map.of());
        try (var s = new GcsObjectStore(r, credentials())) {
            assertThat(s.objectRef(new ObjectNamespace("t1", "test"), ObjectKey.of("x/y.txt")))
                    .isEqualTo("gs://" + r.require("bucket") + "/tenants/t1/test/raw/x/y.txt");
        }
    }

    @Test
    void aRouteNeedsItsCredentialsAProjectAndNoPlainHttpBeyondLoopback() {
        var noProject = new Route(ResourceKind.OBJECT_STORE, "gcs", Map.of("bucket", "b", "credentials",
                "service_account", "key_file", key.file().toString()));

        assertThatThrownBy(() -> new GcsObjectStore(route(Map.of()), null)).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("config.credentials");
        assertThatThrownBy(() -> new GcsObjectStore(noProject, credentials()))
                .isInstanceOf(RouteConfigurationException.class).hasMessageContaining("config.project");
        assertThatThrownBy(() -> new GcsObjectStore(route(Map.of("endpoint", "http://storage.example.com")), credentials()))
                .isInstanceOf(RouteConfigurationException.class).hasMessageContaining("plain http only on this machine");
    }

    /** The design names the project project_id: accepted beside project, and both must agree. */
    @Test
    void theDesignsProjectIdNamesTheProjectToo() throws Exception {
        Map<String, String> config = new HashMap<>(route(Map.of()).config());
        config.put("project_id", config.remove("project"));
        try (GcsObjectStore byDesign = new GcsObjectStore(new Route(ResourceKind.OBJECT_STORE, "gcs", config), credentials())) {
            byDesign.put(new ObjectNamespace("t1", "test"), ObjectKey.of("p.txt"), new ByteArrayInputStream(new byte[] {1}),
                    PutOptions.of(null));
            assertThat(byDesign.head(new ObjectNamespace("t1", "test"), ObjectKey.of("p.txt"))).isPresent();
        }
        assertThatThrownBy(() -> new GcsObjectStore(route(Map.of("project_id", "another")), credentials()))
                .isInstanceOf(RouteConfigurationException.class).hasMessageContaining("different projects");
    }
}
