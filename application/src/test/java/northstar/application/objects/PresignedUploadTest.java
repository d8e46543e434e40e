package northstar.application.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import northstar.application.EmbeddedBackends;
import northstar.application.TestClock;
import northstar.application.routing.BackendCatalog;
import northstar.application.routing.StoreRouter;
import northstar.domain.objects.ObjectStore;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;
import northstar.domain.ErrorCode;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.objects.PresignOptions;
import northstar.domain.objects.PresignedRequest;
import northstar.domain.objects.SelfSignedUploads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accepting a presigned upload is a use case: the filesystem store verifies what it signed. */
class PresignedUploadTest {
    @TempDir
    Path dir;
    EmbeddedBackends backends;
    final TestClock clock = new TestClock();
    ObjectStorageService objects;

    ObjectStorageService objects() {
        backends = new EmbeddedBackends(dir, Clock.systemUTC());
        return backends.useCases.objects();
    }

    @AfterEach
    void close() {
        if (backends != null) {
            backends.close();
        }
    }

    /** The request an uploader sends to the URL, as the HTTP layer hands it over. */
    static SelfSignedUploads.Request sent(PresignedRequest signed, String contentType) {
        URI uri = URI.create(signed.url());
        Map<String, String> q = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        String path = URLDecoder.decode(uri.getRawPath().substring("/presigned/".length()), StandardCharsets.UTF_8);
        return new SelfSignedUploads.Request(signed.method(), path, q.get("expires"), contentType, q.get("max_bytes"),
                q.get("overwrite"), q.get("signature"));
    }

    @Test
    void aSignedUploadIsAcceptedForItsTenantAndWritesWhatItGrants() throws IOException {
        ObjectStorageService objects = objects();
        RequestContext acme = EmbeddedBackends.lab("acme");
        PresignedRequest signed = objects.presignPut(acme, "in/photo.png", Duration.ofMinutes(5),
                new PresignOptions("image/png", 1024, false));

        SelfSignedUploads.Grant grant = objects.acceptPresigned(acme, sent(signed, "image/png"), "image/png");
        byte[] body = "png bytes".getBytes(StandardCharsets.UTF_8);
        objects.putGranted(acme, grant, new ByteArrayInputStream(body), body.length);

        assertThat(grant.maxBytes()).isEqualTo(1024);
        try (var content = objects.get(acme, "in/photo.png")) {
            assertThat(content.body().readAllBytes()).isEqualTo(body);
            assertThat(content.info().contentType()).isEqualTo("image/png");
        }
        assertThatThrownBy(() -> objects.putGranted(acme, grant, new ByteArrayInputStream(body), body.length))
                .as("no overwrite: the URL is single use")
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
    }

    @Test
    void anUploadSignedForOneTenantIsRefusedToAnother() {
        ObjectStorageService objects = objects();
        PresignedRequest signed = objects.presignPut(EmbeddedBackends.lab("acme"), "a.bin", Duration.ofMinutes(5),
                "application/octet-stream");

        assertDenied(() -> objects.acceptPresigned(EmbeddedBackends.lab("globex"),
                sent(signed, "application/octet-stream"), "application/octet-stream"));
        assertThat(objects.head(EmbeddedBackends.lab("globex"), "a.bin")).isEmpty();
    }

    @Test
    void aContentTypeOtherThanTheSignedOneIsRefused() {
        ObjectStorageService objects = objects();
        RequestContext acme = EmbeddedBackends.lab("acme");
        PresignedRequest signed = objects.presignPut(acme, "a.png", Duration.ofMinutes(5), "image/png");

        assertDenied(() -> objects.acceptPresigned(acme, sent(signed, "text/html"), "image/png"));
        assertDenied(() -> objects.acceptPresigned(acme, sent(signed, "image/png"), "text/html"));
    }

    @Test
    void aTamperedOrExpiredSignatureIsRefused() {
        backends = new EmbeddedBackends(dir, clock);
        ObjectStorageService objects = backends.useCases.objects();
        RequestContext acme = EmbeddedBackends.lab("acme");
        PresignedRequest signed = objects.presignPut(acme, "a.png", Duration.ofSeconds(1), "image/png");
        SelfSignedUploads.Request good = sent(signed, "image/png");

        assertDenied(() -> objects.acceptPresigned(acme, new SelfSignedUploads.Request("PUT", good.path(),
                good.expires(), "image/png", String.valueOf(Long.parseLong(good.maxBytes()) * 2), good.overwrite(),
                good.signature()), "image/png"));
        assertDenied(() -> objects.acceptPresigned(acme, new SelfSignedUploads.Request("PUT",
                good.path().replace("a.png", "b.png"), good.expires(), "image/png", good.maxBytes(), good.overwrite(),
                good.signature()), "image/png"));
        objects.acceptPresigned(acme, good, "image/png");

        clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> objects.acceptPresigned(acme, good, "image/png"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e).hasMessageContaining("expired"));
    }

    @Test
    void aStoreWhoseUrlsPointAtACloudAcceptsNoUploadHere() {
        ObjectStorageService signing = objects();
        RequestContext acme = EmbeddedBackends.lab("acme");
        PresignedRequest signed = signing.presignPut(acme, "a.png", Duration.ofMinutes(5), "image/png");
        // the same files behind a store that does not verify its own URLs (as S3, Azure and GCS do not)
        ObjectStore cloudLike = (ObjectStore) java.lang.reflect.Proxy.newProxyInstance(ObjectStore.class.getClassLoader(),
                new Class<?>[] {ObjectStore.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(backends.files, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        StoreRouter router = new StoreRouter(RoutingTable.of(new Route(ResourceKind.OBJECT_STORE, "cloudlike",
                Map.of())), new BackendCatalog().objects("cloudlike", r -> cloudLike));
        ObjectStorageService objects = new ObjectStorageService(router);

        assertThat(router.selfSignedUploads(acme)).isEmpty();
        assertDenied(() -> objects.acceptPresigned(acme, sent(signed, "image/png"), "image/png"));
        assertThat(backends.router.selfSignedUploads(acme)).containsSame(backends.files);
    }

    private static void assertDenied(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
    }
}
