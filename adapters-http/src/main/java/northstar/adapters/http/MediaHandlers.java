package northstar.adapters.http;

import io.javalin.http.Context;
import northstar.adapters.http.wire.MediaView;
import northstar.application.media.MediaContent;
import northstar.application.media.MediaService;
import northstar.domain.media.MediaOutputMetadata;

/** /v1/media and /v1/sessions/{id}/media. */
final class MediaHandlers {
    private final MediaService media;
    private final Uploads uploads;

    MediaHandlers(MediaService media, Uploads uploads) {
        this.media = media;
        this.uploads = uploads;
    }

    void store(Context ctx) {
        String type = ContentTypes.of(ctx);
        var rc = Auth.context(ctx);
        String session = Params.required(ctx, "session_id");
        String user = Params.required(ctx, "user_id");
        MediaOutputMetadata m;
        try (Uploads.Permit upload = uploads.admit(ctx, rc.tenantId(), null)) {
            m = media.store(rc, session, user, type == null ? "application/octet-stream" : type, upload.body(),
                    Streams.contentLength(ctx));
        }
        ctx.header("Location", "/v1/media/" + m.mediaId());
        Json.write(ctx, 201, MediaView.of(m));
    }

    void get(Context ctx) {
        var rc = Auth.context(ctx);
        MediaContent content = media.get(rc, Auth.readScope(ctx, rc), ctx.pathParam("media_id"));
        ctx.header("ETag", "\"" + content.metadata().checksumSha256() + "\"");
        ContentSafety.headers(ctx, content.metadata().mimeType(), content.metadata().mediaId());
        Streams.send(ctx, content.body(), content.metadata().sizeBytes(), content.metadata().mimeType());
    }

    void metadata(Context ctx) {
        var rc = Auth.context(ctx);
        Json.write(ctx, 200, MediaView.of(media.metadata(rc, Auth.readScope(ctx, rc), ctx.pathParam("media_id"))));
    }

    void listForSession(Context ctx) {
        var rc = Auth.context(ctx);
        Json.writePage(ctx, media.listForSession(rc, Auth.readScope(ctx, rc), ctx.pathParam("session_id"),
                Params.page(ctx)),
                MediaView::of);
    }

    void delete(Context ctx) {
        media.delete(Auth.context(ctx), ctx.pathParam("media_id"));
        ctx.status(204);
    }
}
