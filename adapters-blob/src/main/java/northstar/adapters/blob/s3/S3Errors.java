package northstar.adapters.blob.s3;

import java.io.IOException;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place where S3 SDK failures become portable errors: what S3 answered by its status and
 * code, what never reached S3 by whether the network failed; anything else is not recognised and so
 * INTERNAL, never a guess that retrying helps.
 */
final class S3Errors {
    static final String BACKEND = "s3";

    private S3Errors() {
    }

    static StoreException translate(String operation, SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
            int status = service.statusCode();
            String detail = operation + ": S3 answered " + status + (code == null || code.isEmpty() ? "" : " " + code);
            if ("SlowDown".equals(code) || "Throttling".equals(code) || "ThrottlingException".equals(code)
                    || "RequestLimitExceeded".equals(code) || status == 429) {
                return StoreException.throttled(BACKEND, detail, e);
            }
            if ("BadDigest".equals(code) || "InvalidDigest".equals(code) || "IncompleteBody".equals(code)) {
                return new StoreException(ErrorCode.INVALID_ARGUMENT, BACKEND, detail + ": the body does not match", false, e);
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
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return StoreException.unavailable(BACKEND, operation + ": S3 did not answer in time", e);
        }
        if (e instanceof AbortedException) {
            return StoreException.unavailable(BACKEND, operation + ": interrupted", e);
        }
        if (networkFailure(e)) {
            return StoreException.unavailable(BACKEND, operation + ": S3 unreachable", e);
        }
        return StoreException.internal(BACKEND, operation + " failed", e);
    }

    private static boolean networkFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
