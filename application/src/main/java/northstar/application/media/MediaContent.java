package northstar.application.media;

import java.io.IOException;
import java.io.InputStream;
import northstar.domain.media.MediaOutputMetadata;

/**
 * A media output being read: its metadata and its bytes. The stream checks the SHA-256 as it goes
 * and fails at its end (IOException) when the bytes are not those that were stored.
 */
public record MediaContent(MediaOutputMetadata metadata, InputStream body) implements AutoCloseable {
    @Override
    public void close() throws IOException {
        body.close();
    }
}
