package northstar.adapters.http;

import northstar.domain.objects.ObjectKey;
import northstar.domain.objects.ObjectNamespace;

/**
 * Verifies presigned requests that point back at this service (the filesystem object store has no
 * cloud to send uploaders to). Anything not signed for exactly this method, path, expiry and
 * content type is refused with PERMISSION_DENIED.
 */
public interface PresignedUploads {
    /** What a verified URL may write: one key, with this content type, at most maxBytes, over an object or not. */
    record Grant(ObjectNamespace namespace, ObjectKey key, String contentType, long maxBytes, boolean overwrite) {
    }

    Grant verify(String method, String path, String expires, String contentType, String maxBytes, String overwrite,
                 String signature);
}
