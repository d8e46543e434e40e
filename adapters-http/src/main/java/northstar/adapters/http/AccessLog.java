package northstar.adapters.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.util.Locale;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request: method, route template (never the concrete path, which may hold keys,
 * nor the query, which may hold a presigned signature), status, duration, tenant and request id,
 * also as the line's own fields (method, route, status, duration_ms, tenant, request_id) for JSON
 * logs. Bodies and API keys are never logged.
 */
final class AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger("northstar.access");

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
        String route = template == null ? "(no route)" : template;
        Principal p = ctx.attribute(Auth.PRINCIPAL);
        String tenant = p == null ? "-" : p.tenantId();
        String requestId = ctx.attribute(Auth.REQUEST_ID);
        telemetry.httpRequest(ctx.method().name(), route, ctx.statusCode(), (long) (millis * 1_000_000L));
        LOG.atInfo().addKeyValue("method", ctx.method().name()).addKeyValue("route", route)
                .addKeyValue("status", ctx.statusCode()).addKeyValue("duration_ms", Math.round(millis * 10) / 10.0)
                .addKeyValue("tenant", tenant).addKeyValue("request_id", requestId)
                .log(String.format(Locale.ROOT, "%s %s %d %.1fms tenant=%s request_id=%s", ctx.method(), route,
                        ctx.statusCode(), millis, tenant, requestId));
    }
}
