package northstar.domain;


/**
 * The shapes of identifiers. Identifiers end up inside storage keys ({@code session:{id}:...},
 * {@code tenants/{tenant}/...}), so none may contain a separator ({@code : / #}) or a control
 * character: that is what keeps one key from reaching into another's range.
 */
public final class Identifiers {
    // the shapes, checked by hand on the hot path (every event carries a dozen identifiers):
    // slug [a-z0-9][a-z0-9_-]{0,62}, name [a-z0-9][a-z0-9_.-]{0,63}, id [A-Za-z0-9][A-Za-z0-9._~@+-]{0,127}
    private static final int SLUG_MAX = 63;
    private static final int NAME_MAX = 64;
    private static final int ID_MAX = 128;

    private Identifiers() {
    }

    /** Tenant ids and environment names: lower-case slugs, at most 63 characters. */
    public static String slug(String field, String value) {
        return match(field, value, SLUG_MAX, "_-", false, "must be 1-63 of [a-z0-9_-], starting with a letter or digit");
    }

    /** Provider, metric, platform and table names: lower-case, at most 64 characters. */
    public static String name(String field, String value) {
        return match(field, value, NAME_MAX, "_.-", false, "must be 1-64 of [a-z0-9_.-], starting with a letter or digit");
    }

    /** Event, run, step, session, request, media and project ids: at most 128 characters. */
    public static String id(String field, String value) {
        return match(field, value, ID_MAX, "._~@+-", true,
                "must be 1-128 of [A-Za-z0-9._~@+-], starting with a letter or digit");
    }

    /** An optional id: null stays null, anything else must be a valid id. */
    public static String optionalId(String field, String value) {
        return value == null ? null : id(field, value);
    }

    /** Free text (messages, labels): bounded, without control characters other than tab and newline. */
    public static String text(String field, String value, int maxLength) {
        if (value == null) {
            throw StoreException.invalid(field, "is required");
        }
        if (value.length() > maxLength) {
            throw StoreException.invalid(field, "is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                throw StoreException.invalid(field, "contains a control character");
            }
        }
        return value;
    }

    private static String match(String field, String value, int max, String punctuation, boolean upper, String rule) {
        if (value == null || value.isEmpty()) {
            throw StoreException.invalid(field, "is required");
        }
        if (value.length() > max || !alphanumeric(value.charAt(0), upper)) {
            throw StoreException.invalid(field, rule);
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!alphanumeric(c, upper) && punctuation.indexOf(c) < 0) {
                throw StoreException.invalid(field, rule);
            }
        }
        return value;
    }

    private static boolean alphanumeric(char c, boolean upper) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || upper && c >= 'A' && c <= 'Z';
    }
}
