package northstar.adapters.http;

import io.javalin.http.Context;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Locale;
import northstar.domain.StoreException;

/**
 * The request's Content-Type, read from the header itself and checked: a charset that is named twice,
 * malformed or unknown is bad input (400 naming Content-Type), not a failure of the server. JSON is
 * read as UTF-8 (RFC 8259), so a JSON body may name no other charset.
 */
final class ContentTypes {
    private ContentTypes() {
    }

    /** The header as sent (null when absent), once its charset, if any, is a real one. */
    static String of(Context ctx) {
        String header = ctx.header("Content-Type");
        charset(header);
        return header;
    }

    /** A JSON request's Content-Type: its charset, if named, must be UTF-8. */
    static void requireJson(Context ctx) {
        String charset = charset(ctx.header("Content-Type"));
        if (charset != null && !Charset.forName(charset).equals(java.nio.charset.StandardCharsets.UTF_8)) {
            throw StoreException.invalid("Content-Type", "JSON is read as UTF-8; charset " + charset + " is not");
        }
    }

    private static String charset(String header) {
        if (header == null) {
            return null;
        }
        String found = null;
        String[] parts = header.split(";");
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq < 0 || !p.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("charset")) {
                continue;
            }
            if (found != null) {
                throw StoreException.invalid("Content-Type", "names a charset twice");
            }
            String value = p.substring(eq + 1).trim();
            if (value.startsWith("\"")) {
                if (value.length() < 2 || !value.endsWith("\"")) {
                    throw StoreException.invalid("Content-Type", "has an unterminated quoted charset");
                }
                value = value.substring(1, value.length() - 1);
            }
            try {
                if (!Charset.isSupported(value)) {
                    throw StoreException.invalid("Content-Type", "names charset " + value + ", which is not supported");
                }
            } catch (IllegalCharsetNameException e) {
                throw StoreException.invalid("Content-Type", "names a malformed charset");
            }
            found = value;
        }
        return found;
    }
}
