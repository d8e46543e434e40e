package northstar.adapters.http;

import io.javalin.http.Context;
import java.io.InputStream;
import java.util.Map;
import northstar.domain.StoreException;

/**
 * /console: a small page of this module's own files (no build step, nothing from another origin) that
 * reads the public API with a key the user pastes. It shares the API's origin, so its own policy is
 * strict: scripts and styles from these files only, no inline code, images from this origin or the
 * blob: URLs of previews it fetched itself, requests to this origin only, no framing, no forms posted
 * anywhere. It holds no data: the page and its files need no key; every call it makes does.
 */
final class ConsoleHandlers {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:;"
            + " connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";
    private static final String DIR = "console/";
    private static final Map<String, String> ASSETS = Map.of(
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "icon.svg", "image/svg+xml");

    private ConsoleHandlers() {
    }

    static void page(Context ctx) {
        serve(ctx, "index.html", "text/html; charset=utf-8");
    }

    static void asset(Context ctx) {
        String name = ctx.pathParam("asset");
        String type = ASSETS.get(name);
        if (type == null) {
            throw StoreException.notFound("console file " + name);
        }
        serve(ctx, name, type);
    }

    private static void serve(Context ctx, String name, String type) {
        InputStream in = ConsoleHandlers.class.getResourceAsStream(DIR + name);
        if (in == null) {
            throw StoreException.notFound("console file " + name);
        }
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(type).result(in);
    }
}
