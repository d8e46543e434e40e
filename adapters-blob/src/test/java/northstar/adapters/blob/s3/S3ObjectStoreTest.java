package northstar.adapters.blob.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.domain.objects.ObjectKey;
import northstar.domain.objects.ObjectNamespace;
import northstar.domain.objects.ObjectStore;
import northstar.domain.objects.PresignedRequest;
import northstar.domain.objects.PutOptions;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.testkit.GeneratedStream;
import northstar.testkit.servers.LocalServer;
import northstar.testkit.servers.PlainHttp;
import northstar.testkit.ObjectStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ObjectStore contract on S3, against s3proxy started by the test on 127.0.0.1. */
class S3ObjectStoreTest extends ObjectStoreContract {
    static LocalServer s3proxy;

    @BeforeAll
    static void startS3proxy() {
        // under target/, so its log outlives a failing run
        s3proxy = LocalServer.s3proxy(Path.of("target/s3proxy"));
    }

    @AfterAll
    static void stopS3proxy() {
        s3proxy.close();
    }

    static Route route(String bucket) {
        return new Route(ResourceKind.OBJECT_STORE, "s3", Map.of("bucket", bucket, "region", "us-east-1", "endpoint",
                s3proxy.endpoint(), "path_style", "true", "credentials", "static", "access_key_id", "test",
                "secret_access_key", "testsecret", "create_bucket", "true", "part_size_mb", "5"));
    }

    @Override
    protected ObjectStore newStore() {
        return new S3ObjectStore(route("bucket-" + UUID.randomUUID().toString().substring(0, 8)));
    }

    /** A plain HTTP client, as an uploader without credentials would send it. */
    @Override
    protected boolean sendPresigned(PresignedRequest request, String url, byte[] body) throws IOException {
        int status = PlainHttp.send(request, url, body);
        assertThat(status).as("S3 answers success, 403, or 412 to an upload whose If-None-Match fails").isIn(200, 403, 412);
        return status == 200;
    }

    @Test
    void aMultipartPutIsVerifiedByS3PartByPartAndReadsBackWhole() throws IOException {
        ObjectNamespace ns = new ObjectNamespace("t1", "test");
        long size = 12L * 1024 * 1024 + 7;

        var info = store.put(ns, ObjectKey.of("multi.bin"), new GeneratedStream(3, size), new PutOptions(null, size, null));

        assertThat(info.size()).isEqualTo(size);
        assertThat(info.sha256()).isEqualTo(GeneratedStream.sha256Of(3, size));
        try (var c = store.get(ns, ObjectKey.of("multi.bin"))) {
            assertThat(GeneratedStream.sha256(c.body())).isEqualTo(info.sha256());
        }
        assertThat(store.objectRef(ns, ObjectKey.of("multi.bin"))).startsWith("s3://bucket-");
    }

    @Test
    void aMultipartPutWithTheWrongChecksumLeavesNothing() {
        ObjectNamespace ns = new ObjectNamespace("t1", "test");
        long size = 6L * 1024 * 1024;

        assertThatThrownBy(() -> store.put(ns, ObjectKey.of("bad.bin"), new GeneratedStream(4, size),
                new PutOptions(null, size, "00".repeat(32))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThat(store.head(ns, ObjectKey.of("bad.bin"))).isEmpty();
    }

    @Test
    void aRouteMustNameRegionAndCredentials() {
        assertThatThrownBy(() -> new S3ObjectStore(new Route(ResourceKind.OBJECT_STORE, "s3", Map.of("bucket", "b",
                "credentials", "static")))).isInstanceOf(RouteConfigurationException.class).hasMessageContaining("config.region");
        assertThatThrownBy(() -> new S3ObjectStore(new Route(ResourceKind.OBJECT_STORE, "s3", Map.of("bucket", "b",
                "region", "us-east-1")))).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("config.credentials");
    }
}
