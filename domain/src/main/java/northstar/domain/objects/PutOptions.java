package northstar.domain.objects;

import java.util.regex.Pattern;
import northstar.domain.StoreException;
import northstar.domain.media.MediaOutputMetadata;

/**
 * How to store an object.
 *
 * @param contentType    its MIME type (application/octet-stream when the caller has none)
 * @param contentLength  the exact length of the body, or -1 when unknown
 * @param expectedSha256 lower-case hex SHA-256 the body must have, or null
 * @param ifAbsent       store only if no object has the key (else ALREADY_EXISTS and nothing
 *                       changes); of two such puts of one key at once, exactly one succeeds
 */
public record PutOptions(String contentType, long contentLength, String expectedSha256, boolean ifAbsent) {
    public static final String OCTET_STREAM = "application/octet-stream";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public PutOptions {
        contentType = contentType == null ? OCTET_STREAM : MediaOutputMetadata.mimeType(contentType);
        if (contentLength < -1) {
            throw StoreException.invalid("content_length", "must not be negative");
        }
        if (expectedSha256 != null && !SHA256.matcher(expectedSha256).matches()) {
            throw StoreException.invalid("sha256", "must be 64 lower-case hex digits");
        }
    }

    public PutOptions(String contentType, long contentLength, String expectedSha256) {
        this(contentType, contentLength, expectedSha256, false);
    }

    public static PutOptions of(String contentType) {
        return new PutOptions(contentType, -1, null);
    }

    /** These options, storing only if the key is free. */
    public PutOptions onlyIfAbsent() {
        return new PutOptions(contentType, contentLength, expectedSha256, true);
    }
}
