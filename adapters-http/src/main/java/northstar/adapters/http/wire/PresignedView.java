package northstar.adapters.http.wire;

import java.util.List;
import java.util.Map;
import northstar.domain.objects.PresignOptions;
import northstar.domain.objects.PresignedRequest;

/**
 * A presigned PUT as the API answers it, with what the URL itself enforces on this backend
 * ({@code enforced}); the rest is the uploader's good faith.
 */
public record PresignedView(String url, String method, Map<String, String> headers, String expiresAt, long maxBytes,
                            boolean overwrite, List<String> enforced) {
    public static PresignedView of(PresignedRequest r, PresignOptions options, java.util.Set<PresignOptions.Binding> binds) {
        return new PresignedView(r.url(), r.method(), r.headers(), r.expiresAt().toString(), options.maxBytes(),
                options.overwrite(), binds.stream().map(b -> b.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList());
    }
}
