package northstar.adapters.http;

import io.javalin.http.Context;
import northstar.domain.PageRequest;
import northstar.domain.StoreException;

/** Query parameters, checked: a bad one is a 400 naming it. */
final class Params {
    private Params() {
    }

    /**
     * Refuses a query string that cannot be decoded (a stray '%', bytes that are not UTF-8), a
     * parameter the route does not take, and one given twice: each a 400 naming it, before the
     * route does anything. A malformed query is never dropped silently.
     */
    static void check(Context ctx, java.util.Set<String> allowed) {
        String raw = ctx.queryString();
        if (raw == null || raw.isEmpty()) {
            return;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String part : raw.split("&", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = decode(eq < 0 ? part : part.substring(0, eq));
            decode(eq < 0 ? "" : part.substring(eq + 1));
            if (!allowed.contains(name)) {
                throw StoreException.invalid(name, allowed.isEmpty() ? "this route takes no query parameters"
                        : "is not a query parameter of this route (it takes " + String.join(", ", new java.util.TreeSet<>(allowed))
                        + ")");
            }
            if (!seen.add(name)) {
                throw StoreException.invalid(name, "is given twice");
            }
        }
    }

    /** Strict percent-decoding ('+' is a space): a bad escape or bytes that are not UTF-8 are a 400. */
    static String decode(String s) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw malformed();
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw malformed();
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int cp = s.codePointAt(i);
                byte[] utf8 = Character.toString(cp).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(cp) - 1;
            }
        }
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw malformed();
        }
    }

    private static StoreException malformed() {
        return StoreException.invalid("query", "is not a well-formed query string (a '%' must start an escape of two"
                + " hex digits, and the bytes must be UTF-8)");
    }

    static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            throw StoreException.invalid(name, "query parameter is required");
        }
        return v;
    }

    static String optional(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isEmpty() ? null : v;
    }

    static PageRequest page(Context ctx) {
        String limit = optional(ctx, "limit");
        int n = PageRequest.DEFAULT_LIMIT;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                throw StoreException.invalid("limit", "must be an integer between 1 and " + PageRequest.MAX_LIMIT);
            }
        }
        return new PageRequest(n, optional(ctx, "cursor"));
    }
}
