package northstar.adapters.http;

import io.javalin.http.Context;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import northstar.domain.StoreException;
import northstar.domain.analytics.GateRejected;

/**
 * Errors as RFC 9457 problem details (application/problem+json): type, title, status, detail and
 * instance, plus the portable code, the offending field of bad input, the analytics_id of an event
 * a gate refused, and the request id. Unexpected failures answer a bare 500 whose detail reveals
 * nothing; the cause goes to the log with the request id.
 */
final class Problems {
    static final String CONTENT_TYPE = "application/problem+json";
    private static final System.Logger LOG = System.getLogger(Problems.class.getName());
    private static final FailureLog FAILURES = new FailureLog(LOG, System::nanoTime);
    /** Seconds a client should wait before retrying a retryable failure. */
    static final String RETRY_AFTER_SECONDS = "1";

    private Problems() {
    }

    static void store(StoreException e, Context ctx) {
        int status = ProblemStatus.of(e);
        Map<String, Object> body = base(ctx, status, e.code().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                title(status), e.getMessage());
        body.put("code", e.code().name());
        if (e instanceof StoreException.InvalidArgument invalid) {
            body.put("field", invalid.field());
        }
        if (e instanceof GateRejected rejected) {
            body.put("analytics_id", rejected.analyticsId());
            body.put("gate", rejected.gate());
        }
        if (status >= 500) {
            FAILURES.failed(ctx.attribute(Auth.REQUEST_ID), e);
        }
        if (e.retryable()) {
            body.put("retryable", true);
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        write(ctx, status, body);
    }

    static void unexpected(Exception e, Context ctx) {
        LOG.log(Level.ERROR, "request " + ctx.attribute(Auth.REQUEST_ID) + " failed unexpectedly", e);
        Map<String, Object> body = base(ctx, 500, "internal", title(500), "the server failed; the request id names it in the logs");
        body.put("code", "INTERNAL");
        write(ctx, 500, body);
    }

    /** A problem the HTTP layer raises itself (no key, no route, no method); its code is its type's, in capitals. */
    static void of(Context ctx, int status, String type, String detail) {
        Map<String, Object> body = base(ctx, status, type, title(status), detail);
        body.put("code", type.toUpperCase(Locale.ROOT).replace('-', '_'));
        write(ctx, status, body);
    }

    private static Map<String, Object> base(Context ctx, int status, String type, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:northstar:problem:" + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", ctx.path());
        Object requestId = ctx.attribute(Auth.REQUEST_ID);
        if (requestId != null) {
            body.put("request_id", requestId);
        }
        return body;
    }

    private static void write(Context ctx, int status, Map<String, Object> body) {
        Json.write(ctx, status, body);
        ctx.contentType(CONTENT_TYPE);
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Internal Server Error";
        };
    }
}
