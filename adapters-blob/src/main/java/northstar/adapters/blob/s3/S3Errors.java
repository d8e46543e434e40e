package northstar.adapters.blob.s3;

import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** The one place where S3 SDK failures become portable errors. */
final class S3Errors {
    private S3Errors() {
    }

    static StoreException translate(String operation, SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
            int status = service.statusCode();
            if (status == 404) {
                return new StoreException(ErrorCode.NOT_FOUND, "s3", operation + ": not found (" + code + ")", false, e);
            }
            if ("BadDigest".equals(code) || "InvalidDigest".equals(code) || "IncompleteBody".equals(code)) {
                return new StoreException(ErrorCode.INVALID_ARGUMENT, "s3", operation + ": the body does not match ("
                        + code + ")", false, e);
            }
            if (status == 503 || status >= 500 || "SlowDown".equals(code)) {
                return new StoreException(ErrorCode.UNAVAILABLE, "s3", operation + ": S3 failed (" + code + ": "
                        + service.awsErrorDetails().errorMessage() + ")", true, e);
            }
            return new StoreException(ErrorCode.INTERNAL, "s3", operation + ": S3 refused (" + status + " " + code + ")",
                    false, e);
        }
        if (e instanceof SdkClientException) {
            return new StoreException(ErrorCode.UNAVAILABLE, "s3", operation + ": S3 unreachable", true, e);
        }
        return new StoreException(ErrorCode.INTERNAL, "s3", operation + " failed", false, e);
    }
}
