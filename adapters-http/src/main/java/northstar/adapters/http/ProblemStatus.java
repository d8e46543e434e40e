package northstar.adapters.http;

import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.domain.analytics.GateRejected;

/** The HTTP status of each portable error: the one place codes become statuses. */
public final class ProblemStatus {
    private ProblemStatus() {
    }

    public static int of(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT -> 400;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS -> 409;
            case FAILED_PRECONDITION -> 412;
            case RESOURCE_EXHAUSTED -> 429;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
    }

    /**
     * As {@link #of(ErrorCode)}, except a body over the limit (413), an event a gate refused (422), a
     * body that arrived too slowly (408), a caller over its share of uploads (429, retryable) and
     * a backend that throttled us (503: the service is overloaded, not the caller over a quota).
     */
    public static int of(StoreException e) {
        if (e instanceof Json.TooLarge) {
            return 413;
        }
        if (e instanceof GateRejected && e.code() == ErrorCode.INVALID_ARGUMENT) {
            return 422;
        }
        if (e instanceof SlowClients.TooSlow) {
            return 408;
        }
        if (e instanceof Uploads.TooMany) {
            return 429;
        }
        if (e.code() == ErrorCode.RESOURCE_EXHAUSTED && e.retryable()) {
            return 503;
        }
        return of(e.code());
    }
}
