package northstar.adapters.blob.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.domain.objects.ObjectKey;
import northstar.domain.objects.ObjectNamespace;
import northstar.domain.objects.ObjectStore;
import northstar.domain.objects.PresignedRequest;
import northstar.domain.objects.PutOptions;
import northstar.domain.objects.SelfSignedUploads;
import northstar.testkit.ObjectStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemObjectStoreTest extends ObjectStoreContract {
    @TempDir
    Path root;

    @Override
    protected ObjectStore newStore() {
        byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        return new FilesystemObjectStore(root,
                new FilesystemPresigner(secret, URI.create("http://127.0.0.1:8080"), Clock.systemUTC()));
    }

    /** What the HTTP layer does with a presigned request: verify it, then write what it grants. */
    @Override
    protected boolean sendPresigned(PresignedRequest request, String url, byte[] body) {
        URI uri = URI.create(url);
        String path = URLDecoder.decode(uri.getRawPath().substring(FilesystemPresigner.PATH_PREFIX.length()),
                StandardCharsets.UTF_8);
        Map<String, String> query = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        try {
            var grant = ((SelfSignedUploads) store).verify(new SelfSignedUploads.Request(request.method(), path,
                    query.get("expires"), request.headers().get("Content-Type"), query.get("max_bytes"),
                    query.get("overwrite"), query.get("signature")));
            if (body.length > grant.maxBytes()) {
                return false; // 413 before the body is read
            }
            PutOptions options = new PutOptions(grant.contentType(), body.length, null, !grant.overwrite());
            store.put(grant.namespace(), grant.key(), new ByteArrayInputStream(body), options);
            return true;
        } catch (StoreException e) {
            assertThat(e.code()).isIn(ErrorCode.PERMISSION_DENIED, ErrorCode.ALREADY_EXISTS);
            return false;
        }
    }

    @Test
    void aPresignedUrlIsBoundToItsMethodContentTypeSizeAndOverwrite() {
        ObjectNamespace ns = new ObjectNamespace("t1", "test");
        PresignedRequest req = store.presignPut(ns, ObjectKey.of("a.bin"), java.time.Duration.ofMinutes(1), "image/png");
        URI uri = URI.create(req.url());
        String signature = uri.getRawQuery().replaceAll(".*signature=", "");
        String expires = uri.getRawQuery().replaceAll("expires=(\\d+).*", "$1");
        SelfSignedUploads presigner = (SelfSignedUploads) store;

        String max = String.valueOf(northstar.domain.objects.PresignOptions.DEFAULT_MAX_BYTES);
        String path = ns.path(ObjectKey.of("a.bin"));
        for (String[] bent : new String[][] {{"DELETE", "image/png", max, "0"}, {"PUT", "text/html", max, "0"},
                {"PUT", "image/png", String.valueOf(Long.parseLong(max) + 1), "0"}, {"PUT", "image/png", max, "1"}}) {
            assertThatThrownBy(() -> presigner.verify(
                    new SelfSignedUploads.Request(bent[0], path, expires, bent[1], bent[2], bent[3], signature)))
                    .as(String.join(" ", bent))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
        }
        var grant = presigner.verify(new SelfSignedUploads.Request("PUT", path, expires, "image/png", max, "0",
                signature));
        assertThat(grant.key()).isEqualTo(ObjectKey.of("a.bin"));
        assertThat(grant.maxBytes()).isEqualTo(Long.parseLong(max));
        assertThat(grant.overwrite()).isFalse();
    }

    @Test
    void aFailedPutLeavesNoTemporaryFileBehind() throws IOException {
        ObjectNamespace ns = new ObjectNamespace("t1", "test");
        InputStream breaking = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("gone");
            }
        };
        assertThatThrownBy(() -> store.put(ns, ObjectKey.of("x"), breaking, PutOptions.of(null)))
                .isInstanceOf(StoreException.class);

        try (Stream<Path> tmp = Files.list(root.resolve("tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }

    @Test
    void objectsLiveUnderTheNamespaceDirectoryWithDistinctFileAndDirectoryNames() {
        ObjectNamespace ns = new ObjectNamespace("acme", "prod");
        store.put(ns, ObjectKey.of("a"), new ByteArrayInputStream(new byte[] {1}), PutOptions.of(null));
        store.put(ns, ObjectKey.of("a/b"), new ByteArrayInputStream(new byte[] {2}), PutOptions.of(null));

        Path nsDir = root.resolve("objects/tenants/acme/prod/raw");
        assertThat(nsDir.resolve("a.obj")).isRegularFile();
        assertThat(nsDir.resolve("a.d/b.obj")).isRegularFile();
        assertThat(store.objectRef(ns, ObjectKey.of("a/b"))).isEqualTo("fs://" + root.getFileName()
                + "/tenants/acme/prod/raw/a/b").doesNotContain(root.toAbsolutePath().getParent().toString());
    }

    @Test
    void aDamagedBlobFileIsReportedNotServed() throws IOException {
        ObjectNamespace ns = new ObjectNamespace("t1", "test");
        store.put(ns, ObjectKey.of("d"), new ByteArrayInputStream(new byte[] {1}), PutOptions.of(null));
        Files.write(root.resolve("objects/tenants/t1/test/raw/d.obj"), new byte[] {9, 9, 9});

        assertThatThrownBy(() -> store.get(ns, ObjectKey.of("d")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }

    @Test
    void isLabOnly() {
        assertThat(store.labOnly()).isTrue();
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        org.assertj.core.api.Assertions.assertThatThrownBy(call).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
    }

    @org.junit.jupiter.api.Test
    void aSymbolicLinkPlantedInTheDataDirectoryIsNeverFollowed() throws java.io.IOException {
        ObjectNamespace acme = new ObjectNamespace("acme", "dev");
        ObjectNamespace globex = new ObjectNamespace("globex", "dev");
        store.put(globex, ObjectKey.of("secret.txt"), new ByteArrayInputStream("globex's".getBytes()),
                PutOptions.of("text/plain"));
        store.put(acme, ObjectKey.of("mine.txt"), new ByteArrayInputStream("acme's".getBytes()), PutOptions.of("text/plain"));
        Path raw = root.resolve("objects/tenants");
        java.nio.file.Files.createDirectories(raw.resolve("acme/dev/raw"));
        // a directory link into another tenant, a file link out of the root
        java.nio.file.Files.createSymbolicLink(raw.resolve("acme/dev/raw/shared.d"), raw.resolve("globex/dev/raw"));
        Path outside = java.nio.file.Files.writeString(root.getParent().resolve("outside-" + System.nanoTime() + ".obj"),
                "not an object");
        java.nio.file.Files.createSymbolicLink(raw.resolve("acme/dev/raw/passwd.obj"), outside);

        assertRefused(() -> store.get(acme, ObjectKey.of("shared/secret.txt")));
        assertRefused(() -> store.head(acme, ObjectKey.of("shared/secret.txt")));
        assertRefused(() -> store.put(acme, ObjectKey.of("shared/planted.txt"), new ByteArrayInputStream(new byte[] {1}),
                PutOptions.of("text/plain")));
        assertRefused(() -> store.delete(acme, ObjectKey.of("shared/secret.txt")));
        assertRefused(() -> store.get(acme, ObjectKey.of("passwd")));
        assertThat(store.list(acme, "", northstar.domain.PageRequest.first(10)).items())
                .extracting(i -> i.key().value()).containsExactly("mine.txt");
        assertThat(store.list(globex, "", northstar.domain.PageRequest.first(10)).items())
                .extracting(i -> i.key().value()).containsExactly("secret.txt");

        // a whole tenant directory swapped for a link to another tenant's
        java.nio.file.Files.move(raw.resolve("acme"), raw.resolve("acme-moved"));
        java.nio.file.Files.createSymbolicLink(raw.resolve("acme"), raw.resolve("globex"));
        assertRefused(() -> store.get(acme, ObjectKey.of("secret.txt")));
        java.nio.file.Files.deleteIfExists(outside);
    }
}
