package northstar.domain.objects;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import northstar.domain.StoreException;

/**
 * A key inside a tenant's object namespace, such as {@code media/4f1c.png}. Keys are relative
 * '/'-separated paths that cannot name anything outside the namespace: no leading or trailing
 * '/', no empty, "." or ".." segment, no backslash, no control character (NUL included), at most
 * 1024 UTF-8 bytes and 200 bytes a segment. Callers that decode URLs validate after decoding, so
 * %2e%2e and %2f reach this check as the characters they stand for. Keys are normalised to Unicode
 * NFC, so the same name typed on systems that compose accents differently (NFC "café", NFD "café")
 * is one key.
 */
public record ObjectKey(String value) {
    public static final int MAX_BYTES = 1024;
    public static final int MAX_SEGMENT_BYTES = 200;

    public ObjectKey {
        value = nfc(value);
        check("key", value, false);
    }

    public static ObjectKey of(String value) {
        return new ObjectKey(value);
    }

    /**
     * A listing prefix: empty, or the beginning of a key (it may end with '/'). The same
     * characters are refused as in keys.
     */
    public static String prefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        String normalised = nfc(prefix);
        check("prefix", normalised, true);
        return normalised;
    }

    /** NFC of a well-formed string; one with a lone surrogate is left as it is, for the check to refuse. */
    private static String nfc(String s) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i)) && !validSurrogateAt(s, i)) {
                return s;
            }
        }
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    private static void check(String field, String value, boolean prefix) {
        if (value == null || value.isEmpty()) {
            throw StoreException.invalid(field, "is required");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw StoreException.invalid(field, "is longer than " + MAX_BYTES + " bytes");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw StoreException.invalid(field, "contains a control character");
            }
            if (c == '\\') {
                throw StoreException.invalid(field, "contains a backslash");
            }
            if (Character.isSurrogate(c) && !validSurrogateAt(value, i)) {
                throw StoreException.invalid(field, "is not valid Unicode");
            }
        }
        if (value.startsWith("/")) {
            throw StoreException.invalid(field, "must not start with '/'");
        }
        String body = prefix && value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        String[] segments = body.split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw StoreException.invalid(field, "has an empty segment");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw StoreException.invalid(field, "has a '.' or '..' segment");
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw StoreException.invalid(field, "has a segment longer than " + MAX_SEGMENT_BYTES + " bytes");
            }
        }
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    @Override
    public String toString() {
        return value;
    }
}
