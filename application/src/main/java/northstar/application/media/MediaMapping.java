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
 */
final class MediaMapping {
    static final String TABLE = "media_outputs";

    private MediaMapping() {
    }

    static String key(String mediaId) {
        return "media:" + mediaId;
    }

    static String sessionPrefix(String sessionId) {
        return "session:" + sessionId + ":";
    }

    static String sessionKey(MediaOutputMetadata m) {
        return sessionPrefix(m.sessionId()) + String.format("%016d", AnalyticsRecord.epochMicros(m.createdAt())) + ":"
                + m.mediaId();
    }

    static Map<String, Object> toAttributes(MediaOutputMetadata m) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("media_id", m.mediaId());
        a.put("tenant_id", m.tenantId());
        a.put("session_id", m.sessionId());
        a.put("user_id", m.userId());
        a.put("object_ref", m.objectRef());
        a.put("mime_type", m.mimeType());
        a.put("size_bytes", m.sizeBytes());
        a.put("checksum_sha256", m.checksumSha256());
        a.put("created_at", m.createdAt().toString());
        a.put("updated_at", m.updatedAt().toString());
        return a;
    }

    static MediaOutputMetadata fromItem(TabularItem item) {
        return new MediaOutputMetadata(item.string("media_id"), item.string("tenant_id"), item.string("session_id"),
                item.string("user_id"), item.string("object_ref"), item.string("mime_type"),
                ((Number) item.attributes().get("size_bytes")).longValue(), item.string("checksum_sha256"),
                Instant.parse(item.string("created_at")), Instant.parse(item.string("updated_at")));
    }
}
