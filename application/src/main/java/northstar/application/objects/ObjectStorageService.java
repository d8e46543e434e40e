package northstar.application.objects;

import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import northstar.application.routing.StoreRouter;
import northstar.domain.ErrorCode;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.objects.ObjectContent;
import northstar.domain.objects.ObjectInfo;
import northstar.domain.objects.ObjectKey;
import northstar.domain.objects.ObjectNamespace;
import northstar.domain.objects.ObjectStore;
import northstar.domain.objects.PresignedRequest;
import northstar.domain.objects.PresignOptions;
import northstar.domain.objects.PresignTtl;
import northstar.domain.objects.PutOptions;
import northstar.domain.objects.SelfSignedUploads;

/**
 * Raw objects of the caller's tenant and environment, under tenants/{tenant}/{env}/raw/{key}. Keys
 * are validated ({@link ObjectKey}) so none leaves the namespace, and a lab-only backend (the
 * filesystem) is refused to saas and enterprise callers on every call, whatever the routes say.
 */
public final class ObjectStorageService {
    private final StoreRouter router;

    public ObjectStorageService(StoreRouter router) {
        this.router = router;
    }

    /** The object store serving this caller, after the router's lab-only guard. */
    public ObjectStore storeFor(RequestContext ctx) {
        return router.objects(ctx).store();
    }

    /**
     * Keys under this prefix belong to the media service (its blobs, whose metadata holds their
     * SHA-256): the objects API may read and list them, never write, delete or presign them.
     */
    public static final String MEDIA_PREFIX = "media/";

    public ObjectInfo put(RequestContext ctx, String key, InputStream body, PutOptions options) {
        return storeFor(ctx).put(ObjectNamespace.of(ctx), writable(key), body, options);
    }

    /** The key, unless it is reserved for the media service (PERMISSION_DENIED, before anything is read). */
    private static ObjectKey writable(String key) {
        ObjectKey k = ObjectKey.of(key);
        if (k.value().startsWith(MEDIA_PREFIX)) {
            throw new StoreException(ErrorCode.PERMISSION_DENIED, "key " + k.value() + " is under " + MEDIA_PREFIX
                    + ", which belongs to the media service: store media with POST /v1/media");
        }
        return k;
    }

    public ObjectContent get(RequestContext ctx, String key) {
        return storeFor(ctx).get(ObjectNamespace.of(ctx), ObjectKey.of(key));
    }

    public Optional<ObjectInfo> head(RequestContext ctx, String key) {
        return storeFor(ctx).head(ObjectNamespace.of(ctx), ObjectKey.of(key));
    }

    public boolean delete(RequestContext ctx, String key) {
        return storeFor(ctx).delete(ObjectNamespace.of(ctx), writable(key));
    }

    public Page<ObjectInfo> list(RequestContext ctx, String prefix, PageRequest page) {
        return storeFor(ctx).list(ObjectNamespace.of(ctx), ObjectKey.prefix(prefix), page);
    }

    /** A PUT an uploader may send without credentials, for one key, until ttl has passed (1 s to 7 days). */
    public PresignedRequest presignPut(RequestContext ctx, String key, Duration ttl, String contentType) {
        return presignPut(ctx, key, ttl, PresignOptions.of(contentType));
    }

    /** As above, bounded by the options (largest body, overwrite) as far as the backend binds them. */
    public PresignedRequest presignPut(RequestContext ctx, String key, Duration ttl, PresignOptions options) {
        return presignPut(ctx, key, new PresignTtl(ttl), options);
    }

    /** As above, for a lifetime already checked. */
    public PresignedRequest presignPut(RequestContext ctx, String key, PresignTtl ttl, PresignOptions options) {
        return storeFor(ctx).presignPut(ObjectNamespace.of(ctx), writable(key), ttl, options);
    }

    /**
     * Accepts an upload through a URL this service signed, for the tenant and environment of ctx (the
     * tenant the URL's path names): the caller's object store must be one whose URLs point back here,
     * it must have signed exactly this request, and the URL must name ctx's namespace and this content
     * type. Anything else is PERMISSION_DENIED, with nothing read or written. The grant says what the
     * upload may write: {@link #putGranted} writes it.
     *
     * @param queryContentType the content type the URL's query names, which must be the one signed
     */
    public SelfSignedUploads.Grant acceptPresigned(RequestContext ctx, SelfSignedUploads.Request request,
                                                   String queryContentType) {
        SelfSignedUploads.Grant grant = router.selfSignedUploads(ctx).orElseThrow(ObjectStorageService::notValid)
                .verify(request);
        if (!grant.namespace().equals(ObjectNamespace.of(ctx)) || !grant.contentType().equals(queryContentType)) {
            throw notValid();
        }
        return grant;
    }

    /**
     * Writes what an accepted presigned upload grants: its key, with its content type, over an object
     * only if it allows. The caller bounds the body to the grant's maxBytes (the HTTP layer answers 413).
     */
    public ObjectInfo putGranted(RequestContext ctx, SelfSignedUploads.Grant grant, InputStream body, long declaredLength) {
        return put(ctx, grant.key().value(), body, new PutOptions(grant.contentType(), declaredLength, null,
                !grant.overwrite()));
    }

    private static StoreException notValid() {
        return new StoreException(ErrorCode.PERMISSION_DENIED, "presigned URL is not valid");
    }

    /** What the caller's object store enforces of presign options. */
    public java.util.Set<PresignOptions.Binding> presignBinds(RequestContext ctx) {
        return storeFor(ctx).presignBinds();
    }

    /** The design's object URI (s3://..., az://..., gs://..., fs://{root}/... for the filesystem store (never a server path)) of a key. */
    public String objectRef(RequestContext ctx, String key) {
        return storeFor(ctx).objectRef(ObjectNamespace.of(ctx), ObjectKey.of(key));
    }
}
