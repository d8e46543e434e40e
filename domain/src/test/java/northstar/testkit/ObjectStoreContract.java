package northstar.testkit;

import static northstar.testkit.Fixtures.anyTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import northstar.domain.ErrorCode;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.StoreException;
import northstar.domain.objects.ObjectContent;
import northstar.domain.objects.ObjectInfo;
import northstar.domain.objects.ObjectKey;
import northstar.domain.objects.ObjectNamespace;
import northstar.domain.objects.ObjectStore;
import northstar.domain.objects.PresignOptions;
import northstar.domain.objects.PresignedRequest;
import northstar.domain.objects.PutOptions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ObjectStore contract (see its Javadoc), written once. An adapter's test extends this class and
 * says how to build a fresh, empty store and how a plain HTTP client would send a presigned request
 * to its backend.
 */
public abstract class ObjectStoreContract {
    /** Large enough that buffering it whole fails under the test JVM's small heap. */
    protected static final long LARGE = 256L * 1024 * 1024;

    protected ObjectStore store;

    /** What a backend (or the local stand-in it is tested against) can do beyond the core contract. */
    public enum Capability {
        /** A key may also be the beginning of other keys ("a" and "a/b" at once), as S3 allows. */
        KEY_ALSO_A_PREFIX,
        /**
         * A read that began keeps reading the version it began with while a put replaces the object
         * (Cloud Storage reads a generation; a stand-in may serve the newest bytes instead). Without
         * it, the adapter must notice mixed bytes and fail the read: never hand them out as the object.
         */
        READS_PIN_THEIR_VERSION,
        /**
         * The backend refuses a put if absent whose key holds an object (Cloud Storage does, by
         * ifGenerationMatch=0; its emulator ignores preconditions). Without it, the clause checks only
         * that such a put of a free key stores it.
         */
        PUTS_IF_ABSENT
    }

    protected abstract ObjectStore newStore() throws Exception;

    /** What the backend's local server can do, as {@link BackendMatrix} declares it (docs/BACKENDS.md). */
    protected java.util.Set<Capability> capabilities() {
        return BackendMatrix.localObjectServer(store.backendType());
    }

    /**
     * Sends {@code body} with the request's method and headers to {@code url} (the request's own
     * URL, or a tampered one) as an uploader without credentials would; true when the backend
     * accepted it, false when it refused it.
     */
    protected abstract boolean sendPresigned(PresignedRequest request, String url, byte[] body) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private static ObjectNamespace anyNamespace() {
        return new ObjectNamespace(anyTenant(), "test");
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private String read(ObjectNamespace ns, String key) {
        try (ObjectContent c = store.get(ns, ObjectKey.of(key))) {
            return new String(c.body().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of head, then an IOException: a client that went away in the middle of its body. */
    private static InputStream breaksOffAfter(InputStream head) {
        return new java.io.SequenceInputStream(head, new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        });
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private List<String> listAll(ObjectNamespace ns, String prefix, int pageSize) {
        List<String> out = new ArrayList<>();
        PageRequest page = PageRequest.first(pageSize);
        while (true) {
            Page<ObjectInfo> p = store.list(ns, prefix, page);
            assertThat(p.items().size()).isLessThanOrEqualTo(pageSize);
            p.items().forEach(i -> out.add(i.key().value()));
            if (p.nextCursor().isEmpty()) {
                return out;
            }
            page = page.next(p.nextCursor().get());
        }
    }

    @Test
    void putThenGetReturnsTheBytesWithTheirInfo() throws IOException {
        ObjectNamespace ns = anyNamespace();
        byte[] body = "hello, northstar".getBytes(StandardCharsets.UTF_8);

        ObjectInfo put = store.put(ns, ObjectKey.of("docs/hello.txt"), new ByteArrayInputStream(body),
                new PutOptions("text/plain", body.length, null));

        String sha = GeneratedStream.sha256(new ByteArrayInputStream(body));
        assertThat(put.size()).isEqualTo(body.length);
        assertThat(put.sha256()).isEqualTo(sha);
        assertThat(put.contentType()).isEqualTo("text/plain");
        try (ObjectContent c = store.get(ns, ObjectKey.of("docs/hello.txt"))) {
            assertThat(c.body().readAllBytes()).isEqualTo(body);
            assertThat(c.info().size()).isEqualTo(body.length);
            assertThat(c.info().contentType()).isEqualTo("text/plain");
        }
        ObjectInfo head = store.head(ns, ObjectKey.of("docs/hello.txt")).orElseThrow();
        assertThat(head.size()).isEqualTo(body.length);
        assertThat(head.lastModified()).isAfter(Instant.now().minusSeconds(600));
    }

    @Test
    void anEmptyObjectIsAnObject() throws IOException {
        ObjectNamespace ns = anyNamespace();
        store.put(ns, ObjectKey.of("empty"), InputStream.nullInputStream(), PutOptions.of(null));

        try (ObjectContent c = store.get(ns, ObjectKey.of("empty"))) {
            assertThat(c.body().readAllBytes()).isEmpty();
            assertThat(c.info().contentType()).isEqualTo(PutOptions.OCTET_STREAM);
        }
    }

    @Test
    void anAbsentKeyIsNotFoundAndHasNoHead() {
        ObjectNamespace ns = anyNamespace();
        assertCode(() -> store.get(ns, ObjectKey.of("missing")), ErrorCode.NOT_FOUND);
        assertThat(store.head(ns, ObjectKey.of("missing"))).isEmpty();
    }

    @Test
    void putReplacesAnExistingObject() {
        ObjectNamespace ns = anyNamespace();
        store.put(ns, ObjectKey.of("k"), bytes("first version"), PutOptions.of("text/plain"));
        store.put(ns, ObjectKey.of("k"), bytes("second"), PutOptions.of("application/json"));

        assertThat(read(ns, "k")).isEqualTo("second");
        assertThat(store.head(ns, ObjectKey.of("k")).orElseThrow().contentType()).isEqualTo("application/json");
    }

    @Test
    void deleteIsIdempotentAndReportsWhetherAnObjectWasThere() {
        ObjectNamespace ns = anyNamespace();
        store.put(ns, ObjectKey.of("d/x"), bytes("x"), PutOptions.of(null));

        assertThat(store.delete(ns, ObjectKey.of("d/x"))).isTrue();
        assertThat(store.delete(ns, ObjectKey.of("d/x"))).isFalse();
        assertThat(store.head(ns, ObjectKey.of("d/x"))).isEmpty();
    }

    @Test
    void aBodyOfTheWrongLengthIsRefusedAndChangesNothing() {
        ObjectNamespace ns = anyNamespace();
        store.put(ns, ObjectKey.of("k"), bytes("original"), PutOptions.of(null));

        assertCode(() -> store.put(ns, ObjectKey.of("k"), bytes("short"), new PutOptions(null, 100, null)),
                ErrorCode.INVALID_ARGUMENT);
        assertCode(() -> store.put(ns, ObjectKey.of("k"), bytes("too long"), new PutOptions(null, 3, null)),
                ErrorCode.INVALID_ARGUMENT);
        assertCode(() -> store.put(ns, ObjectKey.of("new"), bytes("short"), new PutOptions(null, 100, null)),
                ErrorCode.INVALID_ARGUMENT);

        assertThat(read(ns, "k")).isEqualTo("original");
        assertThat(store.head(ns, ObjectKey.of("new"))).isEmpty();
    }

    @Test
    void aBodyWithAnotherSha256IsRefusedAndChangesNothing() {
        ObjectNamespace ns = anyNamespace();
        store.put(ns, ObjectKey.of("k"), bytes("original"), PutOptions.of(null));
        String wrong = GeneratedStream.sha256(bytes("something else"));

        assertCode(() -> store.put(ns, ObjectKey.of("k"), bytes("replacement"), new PutOptions(null, -1, wrong)),
                ErrorCode.INVALID_ARGUMENT);

        assertThat(read(ns, "k")).isEqualTo("original");
        String right = GeneratedStream.sha256(bytes("replacement"));
        assertThat(store.put(ns, ObjectKey.of("k"), bytes("replacement"), new PutOptions(null, -1, right)).sha256())
                .isEqualTo(right);
    }

    @Test
    void aBodyThatBreaksOffIsRefusedAndStoresNothing() {
        ObjectNamespace ns = anyNamespace();
        InputStream breaking = breaksOffAfter(bytes("x".repeat(10_000)));

        assertCode(() -> store.put(ns, ObjectKey.of("broken"), breaking, PutOptions.of(null)), ErrorCode.INVALID_ARGUMENT);
        assertThat(store.head(ns, ObjectKey.of("broken"))).isEmpty();
        assertThat(listAll(ns, "", 10)).isEmpty();
    }

    @Test
    void listReturnsKeysWithThePrefixInBinaryOrder() {
        ObjectNamespace ns = anyNamespace();
        List<String> keys = List.of("a-c", "a0", "a/b/c", "a/bc", "b/c/d", "a/é", "a/z", "a/\uD83D\uDE00", "ab");
        for (String k : keys) {
            store.put(ns, ObjectKey.of(k), bytes(k), PutOptions.of(null));
        }

        assertThat(listAll(ns, "", 100)).containsExactly("a-c", "a/b/c", "a/bc", "a/z", "a/é", "a/\uD83D\uDE00", "a0",
                "ab", "b/c/d");
        assertThat(listAll(ns, "a/", 2)).containsExactly("a/b/c", "a/bc", "a/z", "a/é", "a/\uD83D\uDE00");
        assertThat(listAll(ns, "a/b", 100)).containsExactly("a/b/c", "a/bc");
        assertThat(listAll(ns, "b/c/", 100)).containsExactly("b/c/d");
        assertThat(listAll(ns, "c", 100)).isEmpty();
    }

    /**
     * With KEY_ALSO_A_PREFIX, "a" and "a/b" are two objects; without it (a stand-in's limit, listed in
     * docs/), the second put fails with a portable error and the first object stays intact.
     */
    @Test
    void aKeyMayAlsoBeThePrefixOfOtherKeys() {
        ObjectNamespace ns = anyNamespace();
        store.put(ns, ObjectKey.of("a"), bytes("short"), PutOptions.of(null));

        if (capabilities().contains(Capability.KEY_ALSO_A_PREFIX)) {
            store.put(ns, ObjectKey.of("a/b"), bytes("long"), PutOptions.of(null));
            assertThat(listAll(ns, "a", 10)).containsExactly("a", "a/b");
            assertThat(read(ns, "a/b")).isEqualTo("long");
        } else {
            assertThatThrownBy(() -> store.put(ns, ObjectKey.of("a/b"), bytes("long"), PutOptions.of(null)))
                    .isInstanceOf(StoreException.class);
            assertThat(listAll(ns, "a", 10)).containsExactly("a");
        }
        assertThat(read(ns, "a")).isEqualTo("short");
    }

    @Test
    void pagingVisitsEveryObjectExactlyOnce() {
        ObjectNamespace ns = anyNamespace();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            String k = (i % 3 == 0 ? "dir/" : "") + String.format("obj-%02d", i);
            expected.add(k);
            store.put(ns, ObjectKey.of(k), bytes("v" + i), PutOptions.of(null));
        }
        expected.sort(String::compareTo);

        assertThat(listAll(ns, "", 4)).containsExactlyElementsOf(expected);
        List<ObjectInfo> firstPage = store.list(ns, "", PageRequest.first(3)).items();
        assertThat(firstPage).allSatisfy(i -> assertThat(i.size()).isPositive());
    }

    @Test
    void aMalformedCursorIsInvalidArgument() {
        assertCode(() -> store.list(anyNamespace(), "", new PageRequest(5, "***")), ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void namespacesNeverSeeEachOthersObjects() {
        ObjectNamespace a = anyNamespace();
        ObjectNamespace b = new ObjectNamespace(anyTenant(), "test");
        ObjectNamespace aOtherEnv = new ObjectNamespace(a.tenantId(), "prod");
        store.put(a, ObjectKey.of("shared/key"), bytes("of a"), PutOptions.of(null));
        store.put(b, ObjectKey.of("shared/key"), bytes("of b"), PutOptions.of(null));

        assertThat(read(a, "shared/key")).isEqualTo("of a");
        assertThat(read(b, "shared/key")).isEqualTo("of b");
        assertThat(store.head(aOtherEnv, ObjectKey.of("shared/key"))).isEmpty();
        assertThat(listAll(aOtherEnv, "", 10)).isEmpty();
        assertThat(store.delete(b, ObjectKey.of("shared/key"))).isTrue();
        assertThat(read(a, "shared/key")).isEqualTo("of a");
        assertThat(listAll(a, "", 10)).containsExactly("shared/key");
    }

    @Test
    void objectRefNamesTheNamespacedPath() {
        ObjectNamespace ns = anyNamespace();
        assertThat(store.objectRef(ns, ObjectKey.of("media/x.png")))
                .endsWith("/tenants/" + ns.tenantId() + "/test/raw/media/x.png");
    }

    @Test
    void aLargeObjectStreamsBothWaysUnderASmallHeap() throws IOException {
        ObjectNamespace ns = anyNamespace();
        assertThat(Runtime.getRuntime().maxMemory()).as("the test JVM's heap must be smaller than the object")
                .isLessThan(LARGE);

        ObjectInfo info = store.put(ns, ObjectKey.of("big/blob.bin"), new GeneratedStream(7, LARGE),
                new PutOptions("application/octet-stream", LARGE, null));

        String expected = GeneratedStream.sha256Of(7, LARGE);
        assertThat(info.size()).isEqualTo(LARGE);
        assertThat(info.sha256()).isEqualTo(expected);
        try (ObjectContent c = store.get(ns, ObjectKey.of("big/blob.bin"))) {
            assertThat(c.info().size()).isEqualTo(LARGE);
            assertThat(GeneratedStream.sha256(c.body())).isEqualTo(expected);
        }
    }

    @Test
    void concurrentReplacementsAreSeenWholeOrNotAtAll() throws Exception {
        ObjectNamespace ns = anyNamespace();
        int versions = 4;
        long size = 2L * 1024 * 1024;
        Set<String> valid = new java.util.HashSet<>();
        for (int v = 0; v < versions; v++) {
            valid.add(GeneratedStream.sha256Of(v, size));
        }
        store.put(ns, ObjectKey.of("hot"), new GeneratedStream(0, size), PutOptions.of(null));

        List<List<String>> seen = Concurrently.run(8, t -> {
            List<String> shas = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                if (t < versions) {
                    store.put(ns, ObjectKey.of("hot"), new GeneratedStream(t, size), PutOptions.of(null));
                } else {
                    try (ObjectContent c = store.get(ns, ObjectKey.of("hot"))) {
                        shas.add(GeneratedStream.sha256(c.body()));
                    } catch (java.io.UncheckedIOException | IllegalStateException e) {
                        if (capabilities().contains(Capability.READS_PIN_THEIR_VERSION)
                                || !(e.getCause() instanceof java.io.IOException)) {
                            throw e;
                        }
                        shas.add("refused: " + e.getMessage()); // mixed bytes noticed and refused, not handed out
                    }
                }
            }
            return shas;
        });

        List<String> reads = seen.stream().flatMap(List::stream).toList();
        assertThat(reads).hasSize((8 - versions) * 6);
        assertThat(reads.stream().filter(r -> !r.startsWith("refused: "))).allMatch(valid::contains);
        if (capabilities().contains(Capability.READS_PIN_THEIR_VERSION)) {
            assertThat(reads).allMatch(valid::contains);
        }
    }

    /**
     * Puts of different objects at once each store their own bytes, whatever buffers an adapter
     * reuses between puts: bodies on both sides of a first read (64 KiB) and of a 1 MiB piece, of
     * declared and unknown length, with refused and broken puts among them.
     */
    @Test
    void concurrentPutsOfDifferentObjectsEachStoreTheirOwnBytes() throws Exception {
        ObjectNamespace ns = anyNamespace();
        long[] sizes = {1_000, 200_000, 1024 * 1024, 2L * 1024 * 1024 + 7};
        int writers = 4;
        int rounds = 6;

        List<List<String>> stored = Concurrently.run(writers, t -> {
            List<String> shas = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                int i = r;
                long size = sizes[(t + i) % sizes.length];
                long seed = 100L * t + i;
                if (i % 3 == 1) { // a body that breaks off after 1,500,000 bytes
                    InputStream breaking = breaksOffAfter(new GeneratedStream(seed, 1_500_000));
                    assertCode(() -> store.put(ns, ObjectKey.of("broken/" + t + "/" + i), breaking,
                            new PutOptions(null, size + 1_500_000, null)), ErrorCode.INVALID_ARGUMENT);
                } else if (i % 3 == 2) { // a whole body with another SHA-256
                    String wrong = GeneratedStream.sha256Of(seed + 1, size);
                    assertCode(() -> store.put(ns, ObjectKey.of("refused/" + t + "/" + i), new GeneratedStream(seed, size),
                            new PutOptions(null, size, wrong)), ErrorCode.INVALID_ARGUMENT);
                }
                ObjectInfo info = store.put(ns, ObjectKey.of("w/" + t + "/" + i), new GeneratedStream(seed, size),
                        new PutOptions(null, i % 2 == 0 ? size : -1, null));
                assertThat(info.size()).isEqualTo(size);
                shas.add(info.sha256());
            }
            return shas;
        });

        for (int t = 0; t < writers; t++) {
            for (int i = 0; i < rounds; i++) {
                long size = sizes[(t + i) % sizes.length];
                String expected = GeneratedStream.sha256Of(100L * t + i, size);
                assertThat(stored.get(t).get(i)).as("put w/%d/%d", t, i).isEqualTo(expected);
                try (ObjectContent c = store.get(ns, ObjectKey.of("w/" + t + "/" + i))) {
                    assertThat(GeneratedStream.sha256(c.body())).as("get w/%d/%d", t, i).isEqualTo(expected);
                }
            }
        }
        assertThat(listAll(ns, "broken/", 100)).isEmpty();
        assertThat(listAll(ns, "refused/", 100)).isEmpty();
    }

    @Test
    void aPresignedPutIsAcceptedOnceForItsKeyAndRefusedWhenTampered() throws Exception {
        ObjectNamespace ns = anyNamespace();
        PresignedRequest req = store.presignPut(ns, ObjectKey.of("uploads/photo.png"), Duration.ofMinutes(5), "image/png");

        assertThat(req.method()).isEqualTo("PUT");
        assertThat(req.expiresAt()).isBetween(Instant.now().plusSeconds(240), Instant.now().plusSeconds(360));
        assertThat(req.headers()).containsEntry("Content-Type", "image/png");
        assertThat(sendPresigned(req, req.url().replace("photo.png", "other.png"), new byte[] {1})).isFalse();
        assertThat(sendPresigned(req, tamperSignature(req.url()), new byte[] {1})).isFalse();
        assertThat(store.head(ns, ObjectKey.of("uploads/other.png"))).isEmpty();
        assertThat(store.head(ns, ObjectKey.of("uploads/photo.png"))).isEmpty();

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        assertThat(sendPresigned(req, req.url(), png)).isTrue();
        try (ObjectContent c = store.get(ns, ObjectKey.of("uploads/photo.png"))) {
            assertThat(c.body().readAllBytes()).isEqualTo(png);
            assertThat(c.info().contentType()).isEqualTo("image/png");
        }
    }

    @Test
    void aPutIfAbsentStoresOnlyAnAbsentKeyAndOfConcurrentOnesExactlyOneWins() throws Exception {
        ObjectNamespace ns = anyNamespace();
        ObjectKey key = ObjectKey.of("once/claim.txt");
        PutOptions once = PutOptions.of("text/plain").onlyIfAbsent();
        store.put(ns, key, new ByteArrayInputStream("first".getBytes()), once);
        if (!capabilities().contains(Capability.PUTS_IF_ABSENT)) {
            try (ObjectContent c = store.get(ns, key)) {
                assertThat(c.body().readAllBytes()).isEqualTo("first".getBytes());
            }
            return;
        }

        assertThatThrownBy(() -> store.put(ns, key, new ByteArrayInputStream("second".getBytes()), once))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        try (ObjectContent c = store.get(ns, key)) {
            assertThat(c.body().readAllBytes()).isEqualTo("first".getBytes());
        }

        ObjectKey raced = ObjectKey.of("once/raced.txt");
        int writers = 8;
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<String>> outcomes = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(writers)) {
            for (int i = 0; i < writers; i++) {
                String body = "writer-" + i;
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        store.put(ns, raced, new ByteArrayInputStream(body.getBytes()), once);
                        return body;
                    } catch (StoreException e) {
                        return e.code().name();
                    }
                }));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (var f : outcomes) {
                results.add(f.get());
            }
            List<String> winners = results.stream().filter(r -> r.startsWith("writer-")).toList();
            assertThat(winners).as("%s", results).hasSize(1);
            assertThat(results.stream().filter(r -> !r.startsWith("writer-"))).allMatch("ALREADY_EXISTS"::equals);
            try (ObjectContent c = store.get(ns, raced)) {
                assertThat(new String(c.body().readAllBytes())).isEqualTo(winners.getFirst());
            }
        }
    }

    /** What the backend's presigned URLs enforce, as {@link BackendMatrix} declares it (docs/ says why not more). */
    protected java.util.Set<PresignOptions.Binding> expectedPresignBinds() {
        return BackendMatrix.presignBinds(store.backendType());
    }

    @Test
    void aPresignedPutEnforcesEveryOptionItsBackendBinds() throws Exception {
        ObjectNamespace ns = anyNamespace();
        Set<PresignOptions.Binding> binds = store.presignBinds();
        assertThat(binds).as("the backend's capability, as its test states it").isEqualTo(expectedPresignBinds());
        ObjectKey key = ObjectKey.of("bounded/a.png");
        PresignedRequest req = store.presignPut(ns, key, Duration.ofMinutes(5), new PresignOptions("image/png", 16, false));
        byte[] first = "sixteen bytes!!!".getBytes(StandardCharsets.US_ASCII);

        if (binds.contains(PresignOptions.Binding.MAX_BYTES)) {
            assertThat(sendPresigned(req, req.url(), new byte[17])).as("a body over max_bytes").isFalse();
            assertThat(store.head(ns, key)).isEmpty();
        }
        if (binds.contains(PresignOptions.Binding.CONTENT_TYPE)) {
            java.util.Map<String, String> html = new java.util.HashMap<>(req.headers());
            html.put("Content-Type", "text/html");
            PresignedRequest bent = new PresignedRequest(req.url(), req.method(), html, req.expiresAt());
            assertThat(sendPresigned(bent, req.url(), first)).as("another Content-Type").isFalse();
            assertThat(store.head(ns, key)).isEmpty();
        }
        assertThat(sendPresigned(req, req.url(), first)).isTrue();
        if (binds.contains(PresignOptions.Binding.NO_OVERWRITE)) {
            assertThat(sendPresigned(req, req.url(), "a second upload".getBytes(StandardCharsets.US_ASCII)))
                    .as("a second upload to a URL that may not overwrite").isFalse();
        }
        try (ObjectContent c = store.get(ns, key)) {
            assertThat(c.body().readAllBytes()).isEqualTo(first);
        }

        // a URL that may overwrite takes any number of uploads, the last one wins
        ObjectKey shared = ObjectKey.of("bounded/shared.png");
        PresignedRequest open = store.presignPut(ns, shared, Duration.ofMinutes(5), new PresignOptions("image/png", 16, true));
        assertThat(sendPresigned(open, open.url(), "one".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(sendPresigned(open, open.url(), "two".getBytes(StandardCharsets.US_ASCII))).isTrue();
        try (ObjectContent c = store.get(ns, shared)) {
            assertThat(c.body().readAllBytes()).isEqualTo("two".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void anExpiredPresignedPutIsRefused() throws Exception {
        ObjectNamespace ns = anyNamespace();
        PresignedRequest req = store.presignPut(ns, ObjectKey.of("late.bin"), Duration.ofSeconds(1),
                "application/octet-stream");

        Thread.sleep(Duration.between(Instant.now(), req.expiresAt()).plusMillis(1500).toMillis());

        assertThat(sendPresigned(req, req.url(), new byte[] {1, 2})).isFalse();
        assertThat(store.head(ns, ObjectKey.of("late.bin"))).isEmpty();
    }

    /** Flips one hex digit of the signature-like parameter at the end of the URL's query. */
    private static String tamperSignature(String url) {
        char last = url.charAt(url.length() - 1);
        char flipped = last == '0' ? '1' : '0';
        return url.substring(0, url.length() - 1) + flipped;
    }
}
