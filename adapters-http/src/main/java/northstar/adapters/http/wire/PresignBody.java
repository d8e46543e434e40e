package northstar.adapters.http.wire;

import northstar.domain.objects.PresignOptions;
import northstar.domain.objects.PresignTtl;

/** POST /v1/objects/presign: the key, the URL's lifetime and what it lets its uploader send. */
public record PresignBody(String key, Long ttlSeconds, String contentType, Long maxBytes, Boolean overwrite) {
    public PresignBody {
        Bodies.required("key", key);
    }

    public PresignTtl ttl() {
        return ttlSeconds == null ? PresignTtl.DEFAULT : PresignTtl.ofSeconds(ttlSeconds);
    }

    public PresignOptions options() {
        return new PresignOptions(contentType, maxBytes == null ? PresignOptions.DEFAULT_MAX_BYTES : maxBytes,
                overwrite != null && overwrite);
    }
}
