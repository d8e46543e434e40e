package northstar.domain.objects;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/** An object being read: its info and a stream of its bytes. The caller must close it. */
public record ObjectContent(ObjectInfo info, InputStream body) implements AutoCloseable {
    public ObjectContent {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(body, "body");
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
