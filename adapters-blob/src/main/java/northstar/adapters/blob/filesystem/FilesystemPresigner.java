package northstar.adapters.blob.filesystem;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.domain.objects.ObjectKey;
import northstar.domain.objects.ObjectNamespace;
import northstar.domain.objects.PresignOptions;
import northstar.domain.objects.PresignedRequest;
import northstar.domain.objects.SelfSignedUploads;

/**
 * Presigned URLs of the filesystem store, which has no cloud to sign them: an HMAC-SHA256 over
 * method, object path, expiry, content type, largest body and overwrite, with a secret from the
 * route config. The URL points back at the service ({@code {public_base_url}/presigned/{path}?...});
 * the HTTP layer honours it without a bearer key after {@link #verify} accepts it, and holds the
 * upload to the grant's bounds.
 */
public final class FilesystemPresigner {
    public static final String PATH_PREFIX = "/presigned/";
    private static final int MIN_SECRET_BYTES = 32;

    private final SecretKeySpec key;
    private final String baseUrl;
    private final Clock clock;

    public FilesystemPresigner(byte[] secret, URI publicBaseUrl, Clock clock) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("presign secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        String base = publicBaseUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.clock = clock;
    }

    PresignedRequest sign(ObjectNamespace ns, ObjectKey objectKey, Duration ttl, PresignOptions options) {
        Instant expires = clock.instant().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String path = ns.path(objectKey);
        String type = options.contentType();
        String overwrite = options.overwrite() ? "1" : "0";
        String signature = hmac("PUT", path, expires.getEpochSecond(), type, options.maxBytes(), overwrite);
        String url = baseUrl + PATH_PREFIX + encodePath(path) + "?expires=" + expires.getEpochSecond()
                + "&content_type=" + URLEncoder.encode(type, StandardCharsets.UTF_8) + "&max_bytes=" + options.maxBytes()
                + "&overwrite=" + overwrite + "&signature=" + signature;
        return new PresignedRequest(url, "PUT", Map.of("Content-Type", type), expires);
    }

    /**
     * Accepts a presigned request or throws PERMISSION_DENIED: the signature must match the method,
     * the decoded object path, the expiry, the content type, the largest body and the overwrite flag
     * exactly, and the expiry must not have passed.
     */
    SelfSignedUploads.Grant verify(SelfSignedUploads.Request request) {
        String method = request.method();
        String path = request.path();
        String contentType = request.contentType();
        String overwrite = request.overwrite();
        String signature = request.signature();
        long expiresAt;
        long max;
        try {
            expiresAt = Long.parseLong(request.expires());
            max = Long.parseLong(request.maxBytes());
        } catch (NumberFormatException | NullPointerException e) {
            throw denied();
        }
        if (method == null || path == null || contentType == null || signature == null || !("0".equals(overwrite) || "1".equals(overwrite))) {
            throw denied();
        }
        byte[] expected = hmac(method, path, expiresAt, contentType, max, overwrite).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            throw denied();
        }
        if (clock.instant().getEpochSecond() > expiresAt) {
            throw new StoreException(ErrorCode.PERMISSION_DENIED, "presigned URL has expired");
        }
        return parse(path, contentType, max, "1".equals(overwrite));
    }

    private static SelfSignedUploads.Grant parse(String path, String contentType, long maxBytes, boolean overwrite) {
        String[] parts = path.split("/", 5);
        if (parts.length != 5 || !parts[0].equals("tenants") || !parts[3].equals("raw")) {
            throw denied();
        }
        return new SelfSignedUploads.Grant(new ObjectNamespace(parts[1], parts[2]), ObjectKey.of(parts[4]), contentType, maxBytes, overwrite);
    }

    private static StoreException denied() {
        return new StoreException(ErrorCode.PERMISSION_DENIED, "presigned URL is not valid");
    }

    private String hmac(String method, String path, long expires, String contentType, long maxBytes, String overwrite) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            String canonical = method + "\n" + path + "\n" + expires + "\n" + contentType + "\n" + maxBytes + "\n"
                    + overwrite;
            return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/")) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }
}
