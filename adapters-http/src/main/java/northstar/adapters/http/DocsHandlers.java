package northstar.adapters.http;

import io.javalin.http.Context;
import java.io.InputStream;
import java.util.Map;
import northstar.domain.StoreException;

/**
 * /docs: Swagger UI over this service's /openapi.json, served from the swagger-ui webjar on the
 * module path (no other network). Only the UI's own files are served, by name.
 */
final class DocsHandlers {
    static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/5.34.1/";
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png");
    private static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Northstar Stores API</title>
              <link rel="stylesheet" href="/docs/swagger-ui.css">
              <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/docs/swagger-ui-bundle.js"></script>
              <script src="/docs/swagger-ui-standalone-preset.js"></script>
              <script src="/docs/init.js"></script>
            </body>
            </html>
            """;
    private static final String INIT = """
            window.ui = SwaggerUIBundle({
              url: "/openapi.json",
              dom_id: "#swagger-ui",
              presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
              layout: "StandaloneLayout"
            });
            """;

    private DocsHandlers() {
    }

    static void page(Context ctx) {
        // the page runs this service's scripts only; Swagger UI sets styles inline and draws data: images
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
                + " frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType("text/html; charset=utf-8").result(PAGE);
    }

    static void asset(Context ctx) {
        String name = ctx.pathParam("asset");
        if (name.equals("init.js")) {
            ctx.contentType("text/javascript; charset=utf-8").result(INIT);
            return;
        }
        String type = ASSETS.get(name);
        InputStream in = type == null ? null : open(SWAGGER_UI + name);
        if (in == null) {
            throw StoreException.notFound("docs asset " + name);
        }
        ctx.header("Cache-Control", "public, max-age=86400").contentType(type).result(in);
    }

    /** A file of the webjar: from its module when it is one, else from the class path. */
    private static InputStream open(String path) {
        ModuleLayer layer = DocsHandlers.class.getModule().getLayer();
        if (layer != null) {
            var webjar = layer.findModule("swagger.ui");
            if (webjar.isPresent()) {
                try {
                    InputStream in = webjar.get().getResourceAsStream(path);
                    if (in != null) {
                        return in;
                    }
                } catch (java.io.IOException e) {
                    throw StoreException.internal("docs", "cannot read " + path, e);
                }
            }
        }
        return DocsHandlers.class.getClassLoader().getResourceAsStream(path);
    }
}
