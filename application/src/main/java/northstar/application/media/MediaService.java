package northstar.application.media;

import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import northstar.application.objects.ObjectStorageService;
import northstar.application.routing.StoreRouter;
import northstar.domain.Identifiers;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.media.MediaOutputMetadata;
import northstar.domain.objects.ObjectContent;
import northstar.domain.objects.ObjectInfo;
import northstar.domain.objects.ObjectKey;
import northstar.domain.objects.ObjectNamespace;
import northstar.domain.objects.ObjectStore;
import northstar.domain.objects.PutOptions;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TabularStore;
import northstar.domain.tabular.WriteCondition;

/**
 * Media outputs: the blob in the object store (key media/{id}), its metadata in the tabular store.
 * Storing reads the body once: the object store computes SHA-256 and size as it writes. The two
 * stores are kept consistent by compensation: if the blob write fails no metadata is written, and
 * if a metadata write fails the blob (and any metadata already written) is removed again.
 */
public final class MediaService {
    private static final System.Logger LOG = System.getLogger(MediaService.class.getName());

    private final StoreRouter router;
    private final ObjectStorageService objects;
    private final Clock clock;
    private final Supplier<String> ids;

    public MediaService(StoreRouter router, ObjectStorageService objects, Clock clock, Supplier<String> ids) {
        this.router = router;
        this.objects = objects;
        this.clock = clock;
        this.ids = ids;
    }

    public MediaOutputMetadata store(RequestContext ctx, String sessionId, String userId, String mimeType,
                                     InputStream body, long contentLength) {
        Identifiers.id("session_id", sessionId);
        Identifiers.id("user_id", userId);
        MediaOutputMetadata.mimeType(mimeType);
        ObjectStore blobs = objects.storeFor(ctx);
        TabularStore table = router.tabular(ctx).store();
        ObjectNamespace ns = ObjectNamespace.of(ctx);
        String mediaId = ids.get();
        ObjectKey blobKey = blobKey(mediaId);
        ObjectInfo info = blobs.put(ns, blobKey, body, new PutOptions(mimeType, contentLength, null));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        MediaOutputMetadata metadata = new MediaOutputMetadata(mediaId, ctx.tenantId(), sessionId, userId,
                blobs.objectRef(ns, blobKey), mimeType, info.size(), info.sha256(), now, now);
        TabularKey primary = new TabularKey(ctx.tenantId(), MediaMapping.TABLE, MediaMapping.key(mediaId));
        TabularKey bySession = new TabularKey(ctx.tenantId(), MediaMapping.TABLE, MediaMapping.sessionKey(metadata));
        try {
            table.put(primary, MediaMapping.toAttributes(metadata), WriteCondition.IF_ABSENT);
        } catch (RuntimeException e) {
            undo(e, () -> blobs.delete(ns, blobKey));
            throw e;
        }
        try {
            table.put(bySession, MediaMapping.toAttributes(metadata), WriteCondition.IF_ABSENT);
        } catch (RuntimeException e) {
            undo(e, () -> table.delete(primary, WriteCondition.NONE));
            undo(e, () -> blobs.delete(ns, blobKey));
            throw e;
        }
        return metadata;
    }

    private static void undo(RuntimeException cause, Runnable compensation) {
        try {
            compensation.run();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            LOG.log(Level.ERROR, "media compensation failed; an orphan may remain", e);
        }
    }

    public MediaOutputMetadata metadata(RequestContext ctx, String mediaId) {
        Identifiers.id("media_id", mediaId);
        return router.tabular(ctx).store()
                .get(new TabularKey(ctx.tenantId(), MediaMapping.TABLE, MediaMapping.key(mediaId)))
                .map(MediaMapping::fromItem)
                .orElseThrow(() -> StoreException.notFound("media " + mediaId));
    }

    /** The blob, streamed and checked against the stored SH-256 and size as it is read. */
    public MediaContent get(RequestContext ctx, String mediaId) {
        MediaOutputMetadata m = metadata(ctx, mediaId);
        ObjectContent content = objects.storeFor(ctx).get(ObjectNamespace.of(ctx), blobKey(mediaId));
        return new MediaContent(m, new ChecksumVerifyingStream(content.body(), m.checksumSha256(), m.sizeBytes()));
    }

    /** A session's media in the order it was stored, from metadata alone: no blob is read. */
    public Page<MediaOutputMetadata> listForSession(RequestContext ctx, String sessionId, PageRequest page) {
        Identifiers.id("session_id", sessionId);
        return router.tabular(ctx).store()
                .list(ctx.tenantId(), MediaMapping.TABLE, MediaMapping.sessionPrefix(sessionId), page)
                .map(MediaMapping::fromItem);
    }

    /**
     * Removes metadata, then the blob: the session index first, so a half-done delete never lists
     * media whose record is gone, and can simply be retried. NOT_FOUND when there is no such media.
     */
    public void delete(RequestContext ctx, String mediaId) {
        MediaOutputMetadata m = metadata(ctx, mediaId);
        TabularStore table = router.tabular(ctx).store();
        table.delete(new TabularKey(ctx.tenantId(), MediaMapping.TABLE, MediaMapping.sessionKey(m)), WriteCondition.NONE);
        table.delete(new TabularKey(ctx.tenantId(), MediaMapping.TABLE, MediaMapping.key(mediaId)), WriteCondition.NONE);
        objects.storeFor(ctx).delete(ObjectNamespace.of(ctx), blobKey(mediaId));
    }

    private static ObjectKey blobKey(String mediaId) {
        return ObjectKey.of("media/" + mediaId);
    }
}
