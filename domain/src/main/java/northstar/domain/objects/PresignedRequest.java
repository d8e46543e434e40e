package northstar.domain.objects;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A request an uploader without credentials may send once: method to url, with these headers,
 * before expiresAt. The URL is bound to one key and method; anything else is refused.
 */
public record PresignedRequest(String url, String method, Map<String, String> headers, Instant expiresAt) {
    public PresignedRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(method, "method");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
