package northstar.adapters.persistence.cosmos;

import com.azure.cosmos.CosmosException;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;

/** The one place where Cosmos DB SDK failures become portable errors. */
final class CosmosErrors {
    static final String BACKEND = "cosmos";

    private CosmosErrors() {
    }

    static StoreException translate(String operation, RuntimeException e) {
        if (e instanceof StoreException s) {
            return s;
        }
        if (e instanceof CosmosException c) {
            int status = c.getStatusCode();
            String detail = operation + ": Cosmos DB answered " + status
                    + (c.getSubStatusCode() == 0 ? "" : "/" + c.getSubStatusCode());
            return switch (status) {
                case 404 -> new StoreException(ErrorCode.NOT_FOUND, BACKEND, detail + " (not found)", false, e);
                case 409 -> new StoreException(ErrorCode.ALREADY_EXISTS, BACKEND, detail + " (conflict)", false, e);
                case 412 -> new StoreException(ErrorCode.FAILED_PRECONDITION, BACKEND, detail + " (precondition)", false, e);
                case 413 -> new StoreException(ErrorCode.INVALID_ARGUMENT, BACKEND, detail + " (item too large)", false, e);
                case 401, 403 -> new StoreException(ErrorCode.INTERNAL, BACKEND, detail
                        + " (the route's credentials were refused)", false, e);
                // throttled past the SDK's own retries, timeouts, partition moves, server errors: retry later
                case 408, 410, 429, 449, 500, 502, 503 -> new StoreException(ErrorCode.UNAVAILABLE, BACKEND, detail, true, e);
                default -> status >= 500 || status == 0
                        ? new StoreException(ErrorCode.UNAVAILABLE, BACKEND, detail, true, e)
                        : new StoreException(ErrorCode.INTERNAL, BACKEND, detail + " (refused)", false, e);
            };
        }
        return new StoreException(ErrorCode.UNAVAILABLE, BACKEND, operation + ": Cosmos DB unreachable ("
                + e.getClass().getSimpleName() + ")", true, e);
    }
}
