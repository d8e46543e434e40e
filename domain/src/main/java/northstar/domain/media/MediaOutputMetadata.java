package northstar.domain.media;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import northstar.domain.Identifiers;
import northstar.domain.StoreException;

/**
 * What is known of a stored media output without reading its blob: where it is (object_ref),
 * what it is (MIME type, size) and how to check it (SHA-256, lower-case hex).
 *
 * @param projectId the project it was stored in; null only for media stored before media recorded one
 */
public record MediaOutputMetadata(String mediaId, String tenantId, String projectId, String sessionId, String userId,
                                  String objectRef, String mimeType, long sizeBytes, String checksumSha256,
                                  Instant createdAt, Instant updatedAt) {
    private static final Pattern MIME = Pattern.compile(
            "[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}/[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}(\\s*;.{1,200})?");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public MediaOutputMetadata {
        Identifiers.id("media_id", mediaId);
        Identifiers.slug("tenant_id", tenantId);
        Identifiers.optionalId("project_id", projectId);
        Identifiers.id("session_id", sessionId);
        Identifiers.id("user_id", userId);
        Identifiers.text("object_ref", objectRef, 2048);
        mimeType(mimeType);
        if (sizeBytes < 0) {
            throw StoreException.invalid("size_bytes", "must not be negative");
        }
        if (checksumSha256 == null || !SHA256.matcher(checksumSha256).matches()) {
            throw StoreException.invalid("checksum_sha256", "must be 64 lower-case hex digits");
        }
        Objects.requireNonNull(createdAt, "created_at");
        Objects.requireNonNull(updatedAt, "updated_at");
    }

    /** A MIME type such as image/png or text/plain; charset=utf-8. */
    public static String mimeType(String mimeType) {
        if (mimeType == null || !MIME.matcher(mimeType).matches() || mimeType.chars().anyMatch(Character::isISOControl)) {
            throw StoreException.invalid("mime_type", "must be a MIME type such as image/png");
        }
        return mimeType;
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
