package northstar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import northstar.adapters.persistence.sqlite.SqliteBackends;
import northstar.application.media.MediaContent;
import northstar.application.routing.BackendCatalog;
import northstar.domain.ErrorCode;
import northstar.domain.PageRequest;
import northstar.domain.StoreException;
import northstar.domain.media.MediaOutputMetadata;
import northstar.domain.tabular.TabularItem;
import northstar.domain.tabular.WriteCondition;
import northstar.testkit.GeneratedStream;
import org.junit.jupiter.api.Test;

/** Scenarios C1, C2 and C3 of the design, and the consistency of blob and metadata. */
class MediaScenariosTest extends LabHarness {
    FlakyTabularStore tabular;

    @Override
    BackendCatalog catalog() {
        SqliteBackends sqlite = new SqliteBackends();
        return new BackendCatalog()
                .analytics("sqlite", sqlite::analytics)
                .tabular("sqlite", r -> tabular = new FlakyTabularStore(sqlite.tabular(r)))
                .objects("filesystem", r -> BackendTypes.filesystem(r, Clock.systemUTC()));
    }

    MediaOutputMetadata store(String session, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return app.media().store(lab, session, "user-1", "text/plain", new ByteArrayInputStream(bytes), bytes.length);
    }

    Path blobFile(String mediaId) {
        return dir.resolve("objects/objects/tenants/acme/dev/raw/media.d/" + mediaId + ".obj");
    }

    List<Path> blobFiles() throws IOException {
        Path media = dir.resolve("objects/objects/tenants/acme/dev/raw/media.d");
        if (!Files.exists(media)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(media)) {
            return s.toList();
        }
    }

    @Test
    void c1StoringMediaWritesTheBlobAndItsMetadataWithChecksumAndSize() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3, 4, 5};
        MediaOutputMetadata m = app.media().store(lab, "s_abc123", "user-1", "image/png", new ByteArrayInputStream(png),
                png.length);

        assertThat(m.tenantId()).isEqualTo("acme");
        assertThat(m.sessionId()).isEqualTo("s_abc123");
        assertThat(m.userId()).isEqualTo("user-1");
        assertThat(m.mimeType()).isEqualTo("image/png");
        assertThat(m.sizeBytes()).isEqualTo(png.length);
        assertThat(m.checksumSha256()).isEqualTo(GeneratedStream.sha256(new ByteArrayInputStream(png)));
        assertThat(m.objectRef()).endsWith("/tenants/acme/dev/raw/media/" + m.mediaId());
        assertThat(blobFile(m.mediaId())).isRegularFile();
        try (MediaContent c = app.media().get(lab, m.mediaId())) {
            assertThat(c.body().readAllBytes()).isEqualTo(png);
            assertThat(c.metadata()).isEqualTo(m);
        }
    }

    @Test
    void c1ALargeBodyIsHashedInTheSamePassThatStoresIt() throws IOException {
        long size = 64L * 1024 * 1024;
        MediaOutputMetadata m = app.media().store(lab, "s_big", "user-1", "video/mp4", new GeneratedStream(11, size), size);

        assertThat(m.sizeBytes()).isEqualTo(size);
        assertThat(m.checksumSha256()).isEqualTo(GeneratedStream.sha256Of(11, size));
        try (MediaContent c = app.media().get(lab, m.mediaId())) {
            assertThat(GeneratedStream.sha256(c.body())).isEqualTo(m.checksumSha256());
        }
    }

    @Test
    void c2MetadataIsServedWithoutReadingTheBlob() throws IOException {
        MediaOutputMetadata m = store("s_1", "hello");
        Files.delete(blobFile(m.mediaId()));

        assertThat(app.media().metadata(lab, m.mediaId())).isEqualTo(m);
        assertThatThrownBy(() -> app.media().metadata(otherTenant, m.mediaId()))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void c3ASessionsMediaAreListedInOrderWithoutReadingBlobs() throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(store("s_gallery", "image " + i).mediaId());
        }
        store("s_other", "elsewhere");
        for (Path p : blobFiles()) {
            Files.delete(p);
        }

        List<String> listed = new ArrayList<>();
        PageRequest page = PageRequest.first(2);
        while (true) {
            var p = app.media().listForSession(lab, "s_gallery", page);
            p.items().forEach(x -> listed.add(x.mediaId()));
            if (p.nextCursor().isEmpty()) {
                break;
            }
            page = page.next(p.nextCursor().get());
        }

        assertThat(listed).containsExactlyElementsOf(ids);
        assertThat(app.media().listForSession(otherTenant, "s_gallery", PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void aCorruptBlobFailsItsReadInsteadOfServingWrongBytes() throws IOException {
        MediaOutputMetadata m = store("s_1", "original bytes");
        byte[] file = Files.readAllBytes(blobFile(m.mediaId()));
        file[file.length - 1] ^= 1;
        Files.write(blobFile(m.mediaId()), file);

        try (MediaContent c = app.media().get(lab, m.mediaId())) {
            assertThatThrownBy(() -> c.body().readAllBytes()).isInstanceOf(IOException.class).hasMessageContaining("corrupt");
        }
    }

    @Test
    void whenTheMetadataWriteFailsNoBlobIsLeft() throws IOException {
        tabular.failPutsOf = k -> k.table().equals("media_outputs");

        assertThatThrownBy(() -> store("s_1", "doomed"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));

        assertThat(blobFiles()).isEmpty();
        assertThat(app.media().listForSession(lab, "s_1", PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void whenTheSessionIndexWriteFailsNeitherMetadataNorBlobIsLeft() throws IOException {
        tabular.failPutsOf = k -> k.key().startsWith("session:");

        assertThatThrownBy(() -> store("s_1", "doomed")).isInstanceOf(StoreException.class);

        assertThat(blobFiles()).isEmpty();
        assertThat(tabular.list(new northstar.domain.tabular.TableRef("acme", "media_outputs"), "", PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void whenTheBlobWriteFailsNoMetadataIsWritten() {
        InputStream breaking = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("upload interrupted");
            }
        };

        assertThatThrownBy(() -> app.media().store(lab, "s_1", "user-1", "image/png", breaking, -1))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));

        assertThat(tabular.list(new northstar.domain.tabular.TableRef("acme", "media_outputs"), "", PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void deleteRemovesBlobAndMetadataAndIsScopedToTheTenant() throws IOException {
        MediaOutputMetadata m = store("s_1", "bye");

        assertThatThrownBy(() -> app.media().delete(otherTenant, m.mediaId())).isInstanceOf(StoreException.class);
        app.media().delete(lab, m.mediaId());

        assertThat(blobFiles()).isEmpty();
        assertThatThrownBy(() -> app.media().metadata(lab, m.mediaId())).isInstanceOf(StoreException.class);
        assertThat(app.media().listForSession(lab, "s_1", PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsWritten() throws IOException {
        byte[] b = {1};
        assertThatThrownBy(() -> app.media().store(lab, "s_1", "user-1", "not a mime type", new ByteArrayInputStream(b), 1))
                .isInstanceOf(StoreException.InvalidArgument.class);
        assertThatThrownBy(() -> app.media().store(lab, "s/../x", "user-1", "image/png", new ByteArrayInputStream(b), 1))
                .isInstanceOf(StoreException.InvalidArgument.class);
        assertThat(blobFiles()).isEmpty();
    }

    @Test
    void aFailedUploadWhoseMetadataWritesLandLateLeavesNothingVisible() throws IOException {
        // the turn to stored of the record never answers, and lands after the store gave up
        tabular.lateWritesOf = (k, c) -> k.key().startsWith("media:") && c instanceof WriteCondition.IfVersion;
        assertThatThrownBy(() -> store("s_1", "late")).isInstanceOf(StoreException.class);
        tabular.landLateWrites();
        // the first create of a record never answers, and lands after the store gave up
        tabular.lateWritesOf = (k, c) -> k.key().startsWith("media:") && c == WriteCondition.IF_ABSENT;
        assertThatThrownBy(() -> store("s_1", "later")).isInstanceOf(StoreException.class);
        tabular.landLateWrites();
        tabular.lateWritesOf = (k, c) -> false;

        assertThat(blobFiles()).isEmpty();
        assertThat(app.media().listForSession(lab, "s_1", PageRequest.first(10)).items()).isEmpty();
        List<TabularItem> raw = tabular.list(new northstar.domain.tabular.TableRef("acme", "media_outputs"), "", PageRequest.first(10)).items();
        assertThat(raw).allSatisfy(i -> assertThat(i.attributes()).containsEntry("state", "pending"));
        for (TabularItem i : raw) {
            assertThatThrownBy(() -> app.media().metadata(lab, i.string("media_id")))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
        // and the next upload is served whole
        MediaOutputMetadata ok = store("s_1", "fine");
        assertThat(app.media().listForSession(lab, "s_1", PageRequest.first(10)).items()).containsExactly(ok);
    }
}
