package northstar.application.media;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.media.MediaOutputMetadata;
import northstar.domain.tabular.TabularItem;

/**
 * Media metadata as tabular items in table media_outputs: the record under media:{id} and, for
 * listing a session without reading blobs, a copy under session:{session}:{created micros}:{id}.
 * Both carry the project the media was stored in; a read of one project skips the others' records
 * (a session id is the client's, so two projects may share one: the listing filters by project).
 */
final class MediaMapping {
    static final String TABLE = "media_outputs";
    static final String STATE = "state";
    static final String PENDING = "pending";
    static final String PROJECT = "project_id";

    private MediaMapping() {
    }

    static String key(String mediaId) {
        return "media:" + mediaId;
    }

    static String sessionPrefix(String sessionId) {
        return "session:" + sessionId + ":";
    }

    static String sessionKey(MediaOutputMetadata m) {
        return sessionKey(m.sessionId(), m.createdAt(), m.mediaId());
    }

    static String sessionKey(String sessionId, Instant createdAt, String mediaId) {
        return sessionPrefix(sessionId) + String.format("%016d", AnalyticsRecord.epochMicros(createdAt)) + ":" + mediaId;
    }

    /** The records of a media whose blob is being written: no reader sees them. */
    static Map<String, Object> pending(String mediaId, String tenantId, String projectId, String sessionId, String userId,
                                       String objectRef, String mimeType, Instant createdAt) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("media_id", mediaId);
        a.put("tenant_id", tenantId);
        a.put(PROJECT, projectId);
        a.put("session_id", sessionId);
        a.put("user_id", userId);
        a.put("object_ref", objectRef);
        a.put("mime_type", mimeType);
        a.put("created_at", createdAt.toString());
        a.put(STATE, PENDING);
        return a;
    }

    /**
     * Whether a record is in the reader's projects. Records written before media recorded their
     * project carry none: only a read of all projects (an admin's project=*) sees them.
     */
    static boolean inScope(TabularItem item, northstar.domain.ProjectScope projects) {
        return projects.covers(item.string(PROJECT));
    }

    /** A record readers may see (records written before states existed carry none: stored). */
    static boolean isStored(TabularItem item) {
        return !PENDING.equals(item.attributes().get(STATE));
    }

    static Map<String, Object> toAttributes(MediaOutputMetadata m) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("media_id", m.mediaId());
        a.put("tenant_id", m.tenantId());
        if (m.projectId() != null) {
            a.put(PROJECT, m.projectId());
        }
        a.put("session_id", m.sessionId());
        a.put("user_id", m.userId());
        a.put("object_ref", m.objectRef());
        a.put("mime_type", m.mimeType());
        a.put("size_bytes", m.sizeBytes());
        a.put("checksum_sha256", m.checksumSha256());
        a.put("created_at", m.createdAt().toString());
        a.put("updated_at", m.updatedAt().toString());
        a.put(STATE, "stored");
        return a;
    }

    static MediaOutputMetadata fromItem(TabularItem item) {
        return new MediaOutputMetadata(item.string("media_id"), item.string("tenant_id"), item.string(PROJECT),
                item.string("session_id"),
                item.string("user_id"), item.string("object_ref"), item.string("mime_type"),
                ((Number) item.attributes().get("size_bytes")).longValue(), item.string("checksum_sha256"),
                Instant.parse(item.string("created_at")), Instant.parse(item.string("updated_at")));
    }
}
