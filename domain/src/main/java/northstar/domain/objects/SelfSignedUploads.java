package northstar.domain.objects;

/**
 * An object store whose presigned URLs point back at this service, because it has no cloud to send
 * uploaders to (the filesystem store). The service accepts such an upload only after the store that
 * signed it has verified the request: anything not signed for exactly this method, path, expiry,
 * content type, largest body and overwrite flag is refused with PERMISSION_DENIED.
 */
public interface SelfSignedUploads {
    /** The parts of a presigned request as the uploader sent them (query parameters unparsed). */
    record Request(String method, String path, String expires, String contentType, String maxBytes,
                   String overwrite, String signature) {
    }

    /** What a verified request may write: one key, with this content type, at most maxBytes, over an object or not. */
    record Grant(ObjectNamespace namespace, ObjectKey key, String contentType, long maxBytes, boolean overwrite) {
    }

    /** The grant of a request this store signed, or PERMISSION_DENIED. */
    Grant verify(Request request);
}
