package northstar.application.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import northstar.application.UseCaseTest;
import northstar.domain.PageRequest;
import northstar.domain.media.MediaOutputMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Media over real files and SQLite: the blob in the object store, its metadata in the tabular store. */
class MediaServiceTest extends UseCaseTest {
    MediaService media;

    @BeforeEach
    void open() {
        media = useCases.media();
    }

    @Test
    void storedMediaCarriesItsHashAndSizeAndASessionListsItWithoutReadingBlobs() throws Exception {
        byte[] png = "not really a png".getBytes(StandardCharsets.UTF_8);
        MediaOutputMetadata stored = media.store(acme, "s-1", "u-1", "image/png", new ByteArrayInputStream(png),
                png.length);
        media.store(acme, "s-2", "u-1", "image/png", new ByteArrayInputStream(png), png.length);

        assertThat(stored.checksumSha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)));
        assertThat(stored.sizeBytes()).isEqualTo(png.length);
        try (var content = media.get(acme, stored.mediaId())) {
            assertThat(content.body().readAllBytes()).isEqualTo(png);
        }

        // with every blob file gone, the session's listing still answers from the metadata alone
        try (Stream<Path> files = Files.walk(dir.resolve("objects"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.delete(f);
            }
        }
        assertThat(media.listForSession(acme, "s-1", PageRequest.first(10)).items())
                .extracting(MediaOutputMetadata::mediaId, MediaOutputMetadata::checksumSha256)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(stored.mediaId(), stored.checksumSha256()));
        assertThat(media.listForSession(globex, "s-1", PageRequest.first(10)).items())
                .as("another tenant's session").isEmpty();
    }
}
