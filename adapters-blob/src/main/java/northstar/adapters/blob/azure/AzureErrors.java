package northstar.adapters.blob.azure;

import com.azure.core.exception.AzureException;
import com.azure.storage.blob.models.BlobStorageException;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;

/** The one place where Azure SDK failures become portable errors. */
final class AzureErrors {
    private AzureErrors() {
    }

    static StoreException translate(String operation, AzureException e) {
        if (e instanceof BlobStorageException b) {
            int status = b.getStatusCode();
            String code = b.getErrorCode() == null ? "" : b.getErrorCode().toString();
            if (status == 404) {
                return new StoreException(ErrorCode.NOT_FOUND, "azure_blob", operation + ": not found (" + code + ")",
                        false, e);
            }
            if ("Md5Mismatch".equals(code) || "InvalidMd5".equals(code)) {
                return new StoreException(ErrorCode.INVALID_ARGUMENT, "azure_blob", operation
                        + ": a block does not match its MD5", false, e);
            }
            if (status == 503 || status >= 500) {
                return new StoreException(ErrorCode.UNAVAILABLE, "azure_blob", operation + ": Azure failed (" + code + ")",
                        true, e);
            }
            return new StoreException(ErrorCode.INTERNAL, "azure_blob", operation + ": Azure refused (" + status + " "
                    + code + ")", false, e);
        }
        return new StoreException(ErrorCode.UNAVAILABLE, "azure_blob", operation + ": Azure unreachable", true, e);
    }
}
