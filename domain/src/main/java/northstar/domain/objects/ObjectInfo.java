package northstar.domain.objects;

import java.time.Instant;
import java.util.Objects;

/**
 * What a backend knows of a stored object.
 *
 * @param sha256 lower-case hex SHA-256 of the bytes, when the backend knows it (always after a
 *               put through the port; possibly null for an object uploaded by a presigned URL)
 * @param etag   the backend's version tag, when it has one
 */
public record ObjectInfo(ObjectKey key, long size, String contentType, String sha256, Instant lastModified,
                         String etag) {
    public ObjectInfo {
        Objects.requireNonNull(key, "key");
        if (size < 0) {
            throw new IllegalArgumentException("size < 0");
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(lastModified, "lastModified");
    }
}
