package northstar.bootstrap;

import northstar.adapters.blob.filesystem.FilesystemObjectStore;
import northstar.adapters.blob.filesystem.FilesystemPresigner;
import northstar.adapters.http.ApiKeys;
import northstar.adapters.http.PresignedUploads;
import northstar.application.routing.StoreRouter;
import northstar.domain.ErrorCode;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;

/**
 * Presigned uploads that point back at this service: the path names the tenant, and the signature
 * is checked by the presigner of the filesystem store serving that tenant (its own secret). A
 * tenant whose objects live in a cloud never gets such a URL, so its path is refused.
 */
final class FilesystemPresignedUploads implements PresignedUploads {
    private final StoreRouter router;
    private final ApiKeys keys;

    FilesystemPresignedUploads(StoreRouter router, ApiKeys keys) {
        this.router = router;
        this.keys = keys;
    }

    @Override
    public Grant verify(String method, String path, String expires, String contentType, String maxBytes, String overwrite,
                        String signature) {
        String[] parts = path == null ? new String[0] : path.split("/", 3);
        if (parts.length < 3 || !parts[0].equals("tenants")) {
            throw denied();
        }
        var principal = keys.tenant(parts[1]).orElseThrow(FilesystemPresignedUploads::denied);
        RequestContext ctx = new RequestContext(principal.tenantId(), principal.mode(), principal.env(),
                principal.projectId(), null, null);
        if (!(router.objectAdapter(ctx) instanceof FilesystemObjectStore fs)) {
            throw denied();
        }
        FilesystemPresigner.Grant g = fs.presigner().verify(method, path, expires, contentType, maxBytes, overwrite,
                signature);
        return new Grant(g.namespace(), g.key(), g.contentType(), g.maxBytes(), g.overwrite());
    }

    private static StoreException denied() {
        return new StoreException(ErrorCode.PERMISSION_DENIED, "presigned URL is not valid");
    }
}
