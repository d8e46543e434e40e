package northstar.application.media;

import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Supplier;
import northstar.application.objects.ObjectStorageService;
import northstar.application.routing.StoreRouter;
import northstar.domain.ErrorCode;
import northstar.domain.Identifiers;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.ProjectScope;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.media.MediaOutputMetadata;
import northstar.domain.objects.ObjectContent;
import northstar.domain.objects.ObjectInfo;
import northstar.domain.objects.ObjectKey;
import northstar.domain.objects.ObjectNamespace;
import northstar.domain.objects.ObjectStore;
import northstar.domain.objects.PutOptions;
import northstar.domain.tabular.TabularItem;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TabularStore;
import northstar.domain.tabular.WriteCondition;

/**
 * Media outputs: the blob in the object store (key media/{id}), its metadata in the tabular store.
 * Storing reads the body once: the object store computes SHA-256 and size as it writes.
 *
 * <p>Without transactions across the two stores, a stored media becomes visible in one conditional
 * step at the end: its two metadata records (the record and the session index entry) are written
 * first as pending, then the blob, then both records are turned stored, each under the version it
 * was written at. Readers see stored records only. A failure at any step removes what was written
 * (metadata first; the blob only once its metadata is gone, so nothing visible ever points at a
 * missing blob), and a write that lands after its caller gave up can only leave a pending record,
 * which no reader sees: a late create is pending, and a late turn to stored finds its record gone
 * or at another version and changes nothing.
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
        Instant created = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<String, Object> pending = MediaMapping.pending(mediaId, ctx.tenantId(), ctx.projectId(), sessionId, userId,
                blobs.objectRef(ns, blobKey), mimeType, created);
        TabularKey primary = new TabularKey(ctx.tenantId(), MediaMapping.TABLE, MediaMapping.key(mediaId));
        TabularKey bySession = new TabularKey(ctx.tenantId(), MediaMapping.TABLE,
                MediaMapping.sessionKey(sessionId, created, mediaId));
        TabularItem primaryPending = table.put(primary, pending, WriteCondition.IF_ABSENT);
        Undo undo = new Undo();
        undo.add(() -> table.delete(primary, WriteCondition.NONE));
        try {
            TabularItem sessionPending = table.put(bySession, pending, WriteCondition.IF_ABSENT);
            undo.addFirst(() -> table.delete(bySession, WriteCondition.NONE));
            ObjectInfo info = blobs.put(ns, blobKey, body, new PutOptions(mimeType, contentLength, null));
            undo.blob(() -> blobs.delete(ns, blobKey));
            MediaOutputMetadata metadata = new MediaOutputMetadata(mediaId, ctx.tenantId(), ctx.projectId(), sessionId, userId,
                    blobs.objectRef(ns, blobKey), mimeType, info.size(), info.sha256(), created, created);
            Map<String, Object> stored = MediaMapping.toAttributes(metadata);
            table.put(bySession, stored, WriteCondition.ifVersion(sessionPending.version()));
            table.put(primary, stored, WriteCondition.ifVersion(primaryPending.version()));
            return metadata;
        } catch (RuntimeException e) {
            undo.run(e);
            throw e;
        }
    }

    /** What a failed store takes back: metadata records first, then (only if they went) the blob. */
    private static final class Undo {
        private final java.util.Deque<Runnable> metadata = new java.util.ArrayDeque<>();
        private Runnable blob;

        void add(Runnable r) {
            metadata.addLast(r);
        }

        void addFirst(Runnable r) {
            metadata.addFirst(r);
        }

        void blob(Runnable r) {
            blob = r;
        }

        void run(RuntimeException cause) {
            boolean metadataGone = true;
            for (Runnable r : metadata) {
                metadataGone &= attempt(cause, r);
            }
            if (blob != null && metadataGone) {
                attempt(cause, blob);
            }
        }

        private static boolean attempt(RuntimeException cause, Runnable compensation) {
            try {
                compensation.run();
                return true;
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
                LOG.log(Level.ERROR, "media compensation failed; a pending record or an unlisted blob may remain: " + e);
                return false;
            }
        }
    }

    /** The metadata of a media of the caller's project (another project's: NOT_FOUND). */
    public MediaOutputMetadata metadata(RequestContext ctx, String mediaId) {
        return metadata(ctx, ProjectScope.of(ctx), mediaId);
    }

    /** The metadata of a media of the caller's tenant within these projects. */
    public MediaOutputMetadata metadata(RequestContext ctx, ProjectScope projects, String mediaId) {
        Identifiers.id("media_id", mediaId);
        return router.tabular(ctx).store()
                .get(new TabularKey(ctx.tenantId(), MediaMapping.TABLE, MediaMapping.key(mediaId)))
                .filter(MediaMapping::isStored)
                .filter(item -> MediaMapping.inScope(item, projects))
                .map(MediaMapping::fromItem)
                .orElseThrow(() -> StoreException.notFound("media " + mediaId));
    }

    /** The blob, streamed and checked against the stored SH-256 and size as it is read. */
    public MediaContent get(RequestContext ctx, String mediaId) {
        return get(ctx, ProjectScope.of(ctx), mediaId);
    }

    /** The same for a media of the caller's tenant within these projects. */
    public MediaContent get(RequestContext ctx, ProjectScope projects, String mediaId) {
        MediaOutputMetadata m = metadata(ctx, projects, mediaId);
        ObjectContent content;
        try {
            content = objects.storeFor(ctx).get(ObjectNamespace.of(ctx), blobKey(mediaId));
        } catch (StoreException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw StoreException.internal("media", "media " + mediaId
                        + " has lost its blob: its metadata remains, its bytes do not", e);
            }
            throw e;
        }
        if (content.info().size() != m.sizeBytes()) {
            // found before a byte is sent: the answer is a problem, not a body cut short under a promised length
            try {
                content.body().close();
            } catch (java.io.IOException ignored) {
                // the blob is answered as damaged either way
            }
            throw StoreException.internal("media", "media " + mediaId + " is damaged: its blob has " + content.info().size()
                    + " bytes, its metadata says " + m.sizeBytes(), null);
        }
        return new MediaContent(m, new ChecksumVerifyingStream(content.body(), m.checksumSha256(), m.sizeBytes()));
    }

    /** A session's media of the caller's project in the order it was stored, from metadata alone: no blob is read. */
    public Page<MediaOutputMetadata> listForSession(RequestContext ctx, String sessionId, PageRequest page) {
        return listForSession(ctx, ProjectScope.of(ctx), sessionId, page);
    }

    /** The same within these projects of the caller's tenant. */
    public Page<MediaOutputMetadata> listForSession(RequestContext ctx, ProjectScope projects, String sessionId,
                                                    PageRequest page) {
        Identifiers.id("session_id", sessionId);
        return router.tabular(ctx).store()
                .list(new northstar.domain.tabular.TableRef(ctx.tenantId(), MediaMapping.TABLE), MediaMapping.sessionPrefix(sessionId), page)
                .filter(MediaMapping::isStored)
                .filter(item -> MediaMapping.inScope(item, projects))
                .map(MediaMapping::fromItem);
    }

    /**
     * Removes a media of the caller's project: metadata, then the blob: the session index first, so a half-done delete never lists
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
        return ObjectKey.of(ObjectStorageService.MEDIA_PREFIX + mediaId);
    }
}
