package northstar.adapters.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import northstar.adapters.http.wire.OpsViews;
import northstar.application.objects.ObjectStorageService;
import northstar.domain.ErrorCode;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.objects.ObjectContent;
import northstar.domain.objects.ObjectInfo;

/**
 * The design's routes, kept for the agent monolith: /raw/put, /raw/get (content as base64) and
 * /raw/list. The base64 body is encoded while it streams, so even this naive shape holds no
 * object in memory.
 */
final class RawHandlers {
    static final int MAX_LISTED = 10_000;
    private final ObjectStorageService objects;
    private final Uploads uploads;

    RawHandlers(ObjectStorageService objects, Uploads uploads) {
        this.objects = objects;
        this.uploads = uploads;
    }

    void put(Context ctx) {
        RequestContext rc = Auth.context(ctx);
        String key = ctx.pathParam("key");
        var options = ObjectHandlers.putOptions(ctx);
        try (Uploads.Permit upload = uploads.admit(ctx, rc.tenantId(), null)) {
            objects.put(rc, key, upload.body(), options);
        }
        Json.write(ctx, 200, new OpsViews.RawPut(objects.objectRef(rc, key)));
    }

    void get(Context ctx) {
        ObjectContent content = objects.get(Auth.context(ctx), ctx.pathParam("key"));
        long encoded = 4 * ((content.info().size() + 2) / 3);
        byte[] head = "{\"content\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"}".getBytes(StandardCharsets.US_ASCII);
        ctx.status(200).contentType(Json.CONTENT_TYPE);
        ctx.res().setContentLengthLong(head.length + encoded + tail.length);
        try (var in = content.body(); OutputStream out = ctx.res().getOutputStream()) {
            out.write(head);
            OutputStream base64 = Base64.getEncoder().wrap(new NonClosing(out));
            in.transferTo(base64);
            base64.close();
            out.write(tail);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void list(Context ctx) {
        RequestContext rc = Auth.context(ctx);
        String prefix = Params.optional(ctx, "prefix");
        List<String> keys = new ArrayList<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<ObjectInfo> p = objects.list(rc, prefix, page);
            p.items().forEach(i -> keys.add(i.key().value()));
            if (keys.size() > MAX_LISTED) {
                throw new StoreException(ErrorCode.RESOURCE_EXHAUSTED, "more than " + MAX_LISTED
                        + " objects match: page through GET /v1/objects instead");
            }
            if (p.nextCursor().isEmpty()) {
                break;
            }
            page = page.next(p.nextCursor().get());
        }
        Json.write(ctx, 200, new OpsViews.RawList(keys));
    }

    /** Lets the base64 encoder flush its padding without closing the response. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
