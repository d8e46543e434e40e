package northstar.domain.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import northstar.domain.StoreException;

/**
 * The signing key of a webhook, written as Standard Webhooks do: "whsec_" and the base64 of 24 to 64
 * random bytes. It never shows itself: toString is redacted, so no log line or answer can carry it.
 */
public final class WebhookSecret {
    private static final String PREFIX = "whsec_";
    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    public static WebhookSecret parse(String field, String written) {
        if (written == null || !written.startsWith(PREFIX)) {
            throw StoreException.invalid(field, "must be whsec_ and base64 (24 to 64 bytes)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(written.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw StoreException.invalid(field, "must be whsec_ and base64 (24 to 64 bytes)");
        }
        if (key.length < 24 || key.length > 64) {
            throw StoreException.invalid(field, "must be whsec_ and base64 (24 to 64 bytes)");
        }
        return new WebhookSecret(key);
    }

    /** The HMAC key (a copy). */
    public byte[] key() {
        return key.clone();
    }

    static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookSecret s && MessageDigest.isEqual(key, s.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "whsec_***";
    }
}
