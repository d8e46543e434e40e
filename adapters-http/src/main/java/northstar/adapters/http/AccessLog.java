package northstar.adapters.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * One line per request: method, route template (never the concrete path, which may hold keys,
 * nor the query, which may hold a presigned signature), status, duration, tenant and request id.
 * Bodies and API keys are never logged.
 */
final class AccessLog {
    private static final System.Logger LOG = System.getLogger("northstar.access");

    /** The route template serving a method and path, or null: for requests stopped before their handler. */
    private final BiFunction<HandlerType, String, String> templateOf;
    private final northstar.domain.Telemetry telemetry;

    AccessLog(northstar.domain.Telemetry telemetry, BiFunction<HandlerType, String, String> templateOf) {
        this.telemetry = telemetry;
        this.templateOf = templateOf;
    }

    void log(Context ctx, Float millis) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        String template = endpoint != null ? endpoint.path : templateOf.apply(ctx.method(), ctx.path());
        Principal p = ctx.attribute(Auth.PRINCIPAL);
        telemetry.httpRequest(ctx.method().name(), template == null ? "(no route)" : template, ctx.statusCode(),
                (long) (millis * 1_000_000L));
        LOG.log(Level.INFO, String.format(Locale.ROOT, "%s %s %d %.1fms tenant=%s request_id=%s", ctx.method(),
                template == null ? "(no route)" : template, ctx.statusCode(), millis, p == null ? "-" : p.tenantId(),
                ctx.attribute(Auth.REQUEST_ID)));
    }
}
