package northstar.adapters.persistence.dynamodb;

import java.io.IOException;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place where DynamoDB SDK failures become portable errors: what DynamoDB answered by its
 * error code and status, what never reached it by whether the network failed; anything else is not
 * recognised and so INTERNAL, never a guess that retrying helps.
 */
final class DynamoDbErrors {
    static final String BACKEND = "dynamodb";

    private DynamoDbErrors() {
    }

    static StoreException translate(String operation, SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null || service.awsErrorDetails().errorCode() == null ? ""
                    : service.awsErrorDetails().errorCode();
            int status = service.statusCode();
            String detail = operation + ": DynamoDB answered " + status + (code.isEmpty() ? "" : " " + code);
            return switch (code) {
                case "ProvisionedThroughputExceededException", "RequestLimitExceeded", "ThrottlingException",
                     "LimitExceededException" -> StoreException.throttled(BACKEND, detail, e);
                case "ConditionalCheckFailedException", "TransactionConflictException" ->
                        new StoreException(ErrorCode.FAILED_PRECONDITION, BACKEND, detail, false, e);
                case "ValidationException" -> new StoreException(ErrorCode.INVALID_ARGUMENT, BACKEND,
                        detail + ": refused as invalid", false, e);
                case "ResourceNotFoundException" -> StoreException.internal(BACKEND,
                        detail + ": the route's table does not exist", e);
                case "UnrecognizedClientException", "AccessDeniedException", "InvalidSignatureException",
                     "MissingAuthenticationTokenException" -> StoreException.internal(BACKEND,
                        detail + ": the route's credentials were refused", e);
                default -> status == 429 ? StoreException.throttled(BACKEND, detail, e)
                        : status >= 500 && status != 501 ? StoreException.unavailable(BACKEND, detail, e)
                        : StoreException.internal(BACKEND, detail, e);
            };
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return StoreException.unavailable(BACKEND, operation + ": DynamoDB did not answer in time", e);
        }
        if (e instanceof AbortedException) {
            return StoreException.unavailable(BACKEND, operation + ": interrupted", e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return StoreException.unavailable(BACKEND, operation + ": DynamoDB unreachable", e);
            }
        }
        return StoreException.internal(BACKEND, operation + " failed", e);
    }
}
