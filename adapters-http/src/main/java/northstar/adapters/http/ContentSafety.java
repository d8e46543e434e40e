package northstar.adapters.http;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * What makes stored content served back inert, whatever type its uploader gave it: the browser may
 * not sniff another type, runs nothing of it (a sandbox with no sources), and saves it as a file
 * instead of rendering it, but for a few types that cannot carry script (raster images, plain text),
 * which are shown inline. The file name is the key's last segment.
 */
final class ContentSafety {
    static final String CSP = "sandbox; default-src 'none'";
    private static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "image/avif",
            "image/bmp", "text/plain");

    private ContentSafety() {
    }

    static void headers(Context ctx, String contentType, String name) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Content-Disposition", (inline(contentType) ? "inline" : "attachment") + filename(name));
    }

    static boolean inline(String contentType) {
        String base = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return INLINE.contains(base);
    }

    /** RFC 6266: an ASCII fallback with nothing that could end the header value, and the exact name in UTF-8. */
    private static String filename(String name) {
        String last = name.substring(name.lastIndexOf('/') + 1);
        if (last.isEmpty()) {
            return "";
        }
        StringBuilder ascii = new StringBuilder();
        for (char c : last.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != ';' ? c : '_');
        }
        return "; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(last, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
