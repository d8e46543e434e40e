package northstar.adapters.blob.gcs;

import com.google.cloud.BaseServiceException;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;

/** The one place where Cloud Storage client failures become portable errors. */
final class GcsErrors {
    static final String BACKEND = "gcs";

    private GcsErrors() {
    }

    static StoreException translate(String operation, RuntimeException e) {
        if (e instanceof StoreException s) {
            return s;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreException s) {
                return s; // thrown by our own body check inside the client's write path
            }
        }
        if (e instanceof BaseServiceException b) {
            int status = b.getCode();
            String detail = operation + ": Cloud Storage answered " + status
                    + (b.getReason() == null ? "" : " (" + b.getReason() + ")");
            return switch (status) {
                case 404 -> new StoreException(ErrorCode.NOT_FOUND, BACKEND, detail, false, e);
                case 412 -> new StoreException(ErrorCode.FAILED_PRECONDITION, BACKEND, detail, false, e);
                case 400 -> new StoreException(ErrorCode.INVALID_ARGUMENT, BACKEND, detail, false, e);
                case 401, 403 -> new StoreException(ErrorCode.INTERNAL, BACKEND, detail
                        + ": the route's credentials were refused", false, e);
                default -> status == 0 || status == 408 || status == 429 || status >= 500
                        ? new StoreException(ErrorCode.UNAVAILABLE, BACKEND, detail, true, e)
                        : new StoreException(ErrorCode.INTERNAL, BACKEND, detail, false, e);
            };
        }
        return new StoreException(ErrorCode.UNAVAILABLE, BACKEND, operation + ": Cloud Storage unreachable ("
                + e.getClass().getSimpleName() + ")", true, e);
    }
}
