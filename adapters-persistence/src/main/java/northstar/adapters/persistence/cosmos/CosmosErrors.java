package northstar.adapters.persistence.cosmos;

import com.azure.cosmos.CosmosException;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;

/** The one place where Cosmos DB SDK failures become portable errors. */
final class CosmosErrors {
    static final String BACKEND = "cosmos";

    private CosmosErrors() {
    }

    static StoreException translate(String operation, CosmosException e) {
        int status = e.getStatusCode();
        String detail = operation + ": Cosmos DB answered " + status
                + (e.getSubStatusCode() == 0 ? "" : "/" + e.getSubStatusCode());
        return switch (status) {
            case 404 -> new StoreException(ErrorCode.NOT_FOUND, BACKEND, detail + " (not found)", false, e);
            case 409 -> new StoreException(ErrorCode.ALREADY_EXISTS, BACKEND, detail + " (conflict)", false, e);
            case 412 -> new StoreException(ErrorCode.FAILED_PRECONDITION, BACKEND, detail + " (precondition)", false, e);
            case 413 -> new StoreException(ErrorCode.INVALID_ARGUMENT, BACKEND, detail + " (item too large)", false, e);
            case 401, 403 -> StoreException.internal(BACKEND, detail + " (the route's credentials were refused)", e);
            // throttled past the SDK's own retries
            case 429 -> StoreException.throttled(BACKEND, detail + " (request rate too large)", e);
            // timeouts, partition moves, retry-with, server errors; the SDK reports an unreachable
            // endpoint as 503 (ServiceUnavailableException) or 408 (RequestTimeoutException)
            case 408, 410, 449 -> StoreException.unavailable(BACKEND, detail, e);
            // no answer at all: the connection failed under the request (reset, refused, closed)
            case 0 -> brokenConnection(e) ? StoreException.unavailable(BACKEND, detail + " (the connection failed)", e)
                    : StoreException.internal(BACKEND, detail + " (not recognised)", e);
            default -> status >= 500 && status != 501 ? StoreException.unavailable(BACKEND, detail, e)
                    : StoreException.internal(BACKEND, detail + " (not recognised)", e);
        };
    }

    private static boolean brokenConnection(Throwable e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }
}
