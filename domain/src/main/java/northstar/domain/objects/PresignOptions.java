package northstar.domain.objects;

import northstar.domain.StoreException;

/**
 * What a presigned PUT allows its uploader.
 *
 * @param contentType the Content-Type the uploader must send (application/octet-stream when none)
 * @param maxBytes    the largest body it may send
 * @param overwrite   whether it may replace an object already at the key; when false (the default)
 *                    the upload succeeds only if the key is free, so the URL is in effect single use
 */
public record PresignOptions(String contentType, long maxBytes, boolean overwrite) {
    /** 32 MiB: a presigned upload is an image, a document or a short clip unless the caller says more. */
    public static final long DEFAULT_MAX_BYTES = 32L * 1024 * 1024;
    /** 5 GiB: the most one PUT may carry on S3. */
    public static final long MAX_MAX_BYTES = 5L * 1024 * 1024 * 1024;

    public PresignOptions {
        contentType = PutOptions.of(contentType).contentType();
        if (maxBytes < 1 || maxBytes > MAX_MAX_BYTES) {
            throw StoreException.invalid("max_bytes", "must be between 1 and " + MAX_MAX_BYTES);
        }
    }

    /** The defaults for a content type: at most {@link #DEFAULT_MAX_BYTES}, no overwrite. */
    public static PresignOptions of(String contentType) {
        return new PresignOptions(contentType, DEFAULT_MAX_BYTES, false);
    }

    /**
     * What a backend's presigned URL itself enforces, beyond its key, method and expiry: an uploader
     * can break whatever is not bound (an Azure SAS, say, binds none of these).
     */
    public enum Binding {
        /** The upload must carry the Content-Type it was signed for. */
        CONTENT_TYPE,
        /** A body over maxBytes is refused. */
        MAX_BYTES,
        /** With overwrite false, an upload to a key that holds an object is refused. */
        NO_OVERWRITE
    }
}
