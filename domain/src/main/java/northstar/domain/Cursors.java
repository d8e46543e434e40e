package northstar.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque page cursors: a listing kind and the position after which the next page starts, as
 * base64url. A cursor of another kind, or one that does not decode, is INVALID_ARGUMENT.
 */
public final class Cursors {
    private static final char SEPARATOR = '\n';

    private Cursors() {
    }

    public static String encode(String kind, String... position) {
        StringBuilder s = new StringBuilder(kind);
        for (String p : position) {
            s.append(SEPARATOR).append(p);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The position parts of a cursor of this kind, which must have this many parts. */
    public static List<String> decode(String kind, String cursor, int parts) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> all = List.of(s.split(String.valueOf(SEPARATOR), -1));
            if (all.size() == parts + 1 && all.getFirst().equals(kind)) {
                return all.subList(1, all.size());
            }
        } catch (IllegalArgumentException e) {
            // falls through to the one error below
        }
        throw StoreException.invalid("cursor", "is malformed or belongs to another listing");
    }
}
