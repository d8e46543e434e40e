package northstar.adapters.http.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import northstar.domain.media.MediaOutputMetadata;

/** A media output's metadata as the API answers it (project_id absent for media stored before projects). */
public record MediaView(String mediaId, String tenantId, @JsonInclude(JsonInclude.Include.NON_NULL) String projectId,
                        String sessionId, String userId, String objectRef, String mimeType, long sizeBytes,
                        String checksumSha256, String createdAt, String updatedAt) {
    public static MediaView of(MediaOutputMetadata m) {
        return new MediaView(m.mediaId(), m.tenantId(), m.projectId(), m.sessionId(), m.userId(), m.objectRef(),
                m.mimeType(), m.sizeBytes(), m.checksumSha256(), m.createdAt().toString(), m.updatedAt().toString());
    }
}
