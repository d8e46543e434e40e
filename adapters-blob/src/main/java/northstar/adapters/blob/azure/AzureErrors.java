package northstar.adapters.blob.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.storage.blob.models.BlobStorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;

/**
 * The one place where Azure SDK failures become portable errors. What Azure answered is read from
 * its status and error code; a call that got no answer is recognised by its cause (the synchronous
 * client rethrows network failures and timeouts inside reactor's own, non-public wrapper, so they are
 * not AzureExceptions); anything else is not recognised and so INTERNAL, never a guess that retrying
 * helps.
 */
final class AzureErrors {
    static final String BACKEND = "azure_blob";

    private AzureErrors() {
    }

    static StoreException translate(String operation, RuntimeException e) {
        if (e instanceof StoreException s) {
            return s;
        }
        if (e instanceof HttpResponseException h && h.getResponse() != null) {
            int status = h.getResponse().getStatusCode();
            String code = e instanceof BlobStorageException b && b.getErrorCode() != null ? b.getErrorCode().toString() : "";
            String detail = operation + ": Azure answered " + status + (code.isEmpty() ? "" : " " + code);
            if ("Md5Mismatch".equals(code) || "InvalidMd5".equals(code)) {
                return new StoreException(ErrorCode.INVALID_ARGUMENT, BACKEND, detail + ": a block does not match its MD5",
                        false, e);
            }
            if (status == 429 || "ServerBusy".equals(code)) {
                return StoreException.throttled(BACKEND, detail, e);
            }
            return switch (status) {
                case 404 -> new StoreException(ErrorCode.NOT_FOUND, BACKEND, detail, false, e);
                case 409, 412 -> new StoreException(ErrorCode.FAILED_PRECONDITION, BACKEND, detail, false, e);
                case 401, 403 -> StoreException.internal(BACKEND, detail + ": the route's credentials were refused", e);
                case 408 -> StoreException.unavailable(BACKEND, detail, e);
                default -> status >= 500 && status != 501 ? StoreException.unavailable(BACKEND, detail, e)
                        : StoreException.internal(BACKEND, detail, e);
            };
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException || t instanceof TimeoutException) {
                return StoreException.unavailable(BACKEND, operation + ": Azure unreachable ("
                        + t.getClass().getSimpleName() + ")", e);
            }
        }
        return StoreException.internal(BACKEND, operation + " failed (" + e.getClass().getName() + ")", e);
    }
}
