package northstar.adapters.blob.gcs;

import com.google.cloud.BaseServiceException;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;

/**
 * The one place where Cloud Storage client failures become portable errors. Only the client's own
 * exception type comes here; anything else is a bug and travels as itself.
 */
final class GcsErrors {
    static final String BACKEND = "gcs";

    private GcsErrors() {
    }

    static StoreException translate(String operation, BaseServiceException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreException s) {
                return s; // thrown by our own body check inside the client's write path
            }
        }
        int status = e.getCode();
        String detail = operation + ": Cloud Storage answered " + status
                + (e.getReason() == null ? "" : " (" + e.getReason() + ")");
        return switch (status) {
            case 404 -> new StoreException(ErrorCode.NOT_FOUND, BACKEND, detail, false, e);
            case 412 -> new StoreException(ErrorCode.FAILED_PRECONDITION, BACKEND, detail, false, e);
            case 400 -> new StoreException(ErrorCode.INVALID_ARGUMENT, BACKEND, detail, false, e);
            case 401, 403 -> StoreException.internal(BACKEND, detail + ": the route's credentials were refused", e);
            case 429 -> StoreException.throttled(BACKEND, detail, e);
            // 0: no HTTP answer at all (connection refused or reset, timeout), as the client reports it
            case 0, 408 -> StoreException.unavailable(BACKEND, detail, e);
            default -> status >= 500 && status != 501 ? StoreException.unavailable(BACKEND, detail, e)
                    : StoreException.internal(BACKEND, detail, e);
        };
    }
}
