package northstar.adapters.blob.gcs;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.HttpMethod;
import com.google.cloud.storage.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.domain.objects.ObjectKey;
import northstar.domain.objects.PresignOptions;
import northstar.domain.objects.PresignedRequest;

/**
 * V4 signed PUT URLs whose options are signed extension headers Cloud Storage enforces: the content
 * type, the largest body (x-goog-content-length-range) and, without overwrite, generation-match 0.
 */
final class GcsPresigner {
    private final Storage storage;
    private final String signingHost;

    /** @param signingHost the endpoint the URLs name (a local server's), or null for Cloud Storage's own */
    GcsPresigner(Storage storage, String signingHost) {
        this.storage = storage;
        this.signingHost = signingHost;
    }

    PresignedRequest sign(BlobId blob, ObjectKey key, Duration ttl, PresignOptions options) {
        String contentType = options.contentType();
        Instant expires = Instant.now().plus(ttl);
        // the uploader must send these as they are, and Cloud Storage enforces them (a body outside the
        // range, or an existing object under generation-match 0: refused)
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("x-goog-content-length-range", "0," + options.maxBytes());
        if (!options.overwrite()) {
            headers.put("x-goog-if-generation-match", "0");
        }
        List<Storage.SignUrlOption> opts = new ArrayList<>(List.of(Storage.SignUrlOption.httpMethod(HttpMethod.PUT),
                Storage.SignUrlOption.withV4Signature(), Storage.SignUrlOption.withExtHeaders(headers)));
        if (signingHost != null) {
            opts.add(Storage.SignUrlOption.withHostName(signingHost));
        }
        try {
            var url = storage.signUrl(BlobInfo.newBuilder(blob).setContentType(contentType).build(), ttl.toSeconds(),
                    TimeUnit.SECONDS, opts.toArray(Storage.SignUrlOption[]::new));
            return new PresignedRequest(url.toString(), "PUT", headers, expires);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new StoreException(ErrorCode.INTERNAL, GcsObjectStore.TYPE, "cannot sign for " + key
                    + ": the route's credentials cannot sign (service_account keys can)", false, e);
        }
    }
}
