package northstar.adapters.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * One line per request: method, route template (never the concrete path, which may hold keys,
 * nor the query, which may hold a presigned signature), status, duration, tenant and request id.
 * Bodies and API keys are never logged.
 */
final class AccessLog {
    private static final System.Logger LOG = System.getLogger("northstar.access");

    private AccessLog() {
    }

    static void log(Context ctx, Float millis) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        Principal p = ctx.attribute(Auth.PRINCIPAL);
        LOG.log(Level.INFO, String.format(Locale.ROOT, "%s %s %d %.1fms tenant=%s request_id=%s", ctx.method(),
                endpoint == null ? "(unmatched)" : endpoint.path, ctx.statusCode(), millis,
                p == null ? "-" : p.tenantId(), ctx.attribute(Auth.REQUEST_ID)));
    }
}
