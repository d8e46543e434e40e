package northstar.adapters.http;

import io.javalin.http.Context;
import northstar.adapters.http.wire.ObjectView;
import northstar.adapters.http.wire.PresignBody;
import northstar.adapters.http.wire.PresignedView;
import northstar.application.objects.ObjectStorageService;
import northstar.domain.PageRequest;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.objects.ObjectContent;
import northstar.domain.objects.ObjectInfo;
import northstar.domain.objects.PresignOptions;
import northstar.domain.objects.PresignedRequest;
import northstar.domain.objects.PutOptions;
import northstar.domain.objects.SelfSignedUploads;

/** /v1/objects: streaming put, get, head, delete, paged list, presigned PUT. */
final class ObjectHandlers {
    static final String SHA256_HEADER = "X-Content-SHA256";

    private final ObjectStorageService objects;
    private final ApiKeys keys;
    private final long maxJsonBytes;
    private final Uploads uploads;

    ObjectHandlers(ObjectStorageService objects, ApiKeys keys, long maxJsonBytes, Uploads uploads) {
        this.objects = objects;
        this.keys = keys;
        this.maxJsonBytes = maxJsonBytes;
        this.uploads = uploads;
    }

    static PutOptions putOptions(Context ctx) {
        String sha = ctx.header(SHA256_HEADER);
        return new PutOptions(ContentTypes.of(ctx), Streams.contentLength(ctx), sha == null ? null : sha.toLowerCase(java.util.Locale.ROOT));
    }

    void put(Context ctx) {
        RequestContext rc = Auth.context(ctx);
        String key = ctx.pathParam("key");
        PutOptions options = putOptions(ctx);
        ObjectInfo info;
        try (Uploads.Permit upload = uploads.admit(ctx, rc.tenantId(), null)) {
            info = objects.put(rc, key, upload.body(), options);
        }
        ctx.header("ETag", "\"" + info.sha256() + "\"");
        Json.write(ctx, 201, ObjectView.of(info, objects.objectRef(rc, key)));
    }

    void get(Context ctx) {
        ObjectContent content = objects.get(Auth.context(ctx), ctx.pathParam("key"));
        headers(ctx, content.info());
        ContentSafety.headers(ctx, content.info().contentType(), ctx.pathParam("key"));
        Streams.send(ctx, content.body(), content.info().size(), content.info().contentType());
    }

    void head(Context ctx) {
        ObjectInfo info = objects.head(Auth.context(ctx), ctx.pathParam("key"))
                .orElseThrow(() -> StoreException.notFound("object " + ctx.pathParam("key")));
        headers(ctx, info);
        ContentSafety.headers(ctx, info.contentType(), ctx.pathParam("key"));
        ctx.contentType(info.contentType());
        ctx.res().setContentLengthLong(info.size());
        ctx.status(200);
    }

    private static void headers(Context ctx, ObjectInfo info) {
        if (info.sha256() != null) {
            ctx.header("ETag", "\"" + info.sha256() + "\"");
        }
        ctx.header("Last-Modified", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(info.lastModified().atZone(java.time.ZoneOffset.UTC)));
    }

    void delete(Context ctx) {
        objects.delete(Auth.context(ctx), ctx.pathParam("key"));
        ctx.status(204);
    }

    void list(Context ctx) {
        PageRequest page = Params.page(ctx);
        Json.writePage(ctx, objects.list(Auth.context(ctx), Params.optional(ctx, "prefix"), page), ObjectView::of);
    }

    void presign(Context ctx) {
        PresignBody b = Json.read(ctx, maxJsonBytes, PresignBody.class);
        PresignOptions options = b.options();
        RequestContext rc = Auth.context(ctx);
        PresignedRequest req = objects.presignPut(rc, b.key(), b.ttl(), options);
        Json.write(ctx, 200, PresignedView.of(req, options, objects.presignBinds(rc)));
    }

    /** PUT /presigned/{path}: an upload through a URL this service signed; no bearer key. */
    void presignedPut(Context ctx) {
        String path = ctx.pathParam("path");
        String[] parts = path.split("/", 4);
        Principal tenant = (parts.length == 4 && parts[0].equals("tenants") ? keys.tenant(parts[1])
                : java.util.Optional.<Principal>empty())
                .filter(p -> p.env().equals(parts[2]))
                .orElseThrow(() -> new StoreException(northstar.domain.ErrorCode.PERMISSION_DENIED,
                        "presigned URL is not valid"));
        ctx.attribute(Auth.PRINCIPAL, tenant);
        RequestContext rc = Auth.context(ctx, tenant);
        SelfSignedUploads.Grant grant = objects.acceptPresigned(rc, new SelfSignedUploads.Request("PUT", path,
                ctx.queryParam("expires"), ContentTypes.of(ctx), ctx.queryParam("max_bytes"),
                ctx.queryParam("overwrite"), ctx.queryParam("signature")), ctx.queryParam("content_type"));
        long declared = Streams.contentLength(ctx);
        if (declared > grant.maxBytes()) {
            throw new Json.TooLarge(grant.maxBytes()); // before a byte is read
        }
        ObjectInfo info;
        try (Uploads.Permit upload = uploads.admit(ctx, rc.tenantId(), ctx.queryParam("signature"))) {
            info = objects.putGranted(rc, grant, Streams.atMost(upload.body(), grant.maxBytes()), declared);
        }
        Json.write(ctx, 201, ObjectView.of(info));
    }
}
