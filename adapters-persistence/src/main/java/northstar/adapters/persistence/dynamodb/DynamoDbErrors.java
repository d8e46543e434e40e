package northstar.adapters.persistence.dynamodb;

import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** The one place where DynamoDB SDK failures become portable errors. */
final class DynamoDbErrors {
    private DynamoDbErrors() {
    }

    static StoreException translate(String operation, SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
            int status = service.statusCode();
            return switch (code) {
                case "ProvisionedThroughputExceededException", "RequestLimitExceeded", "ThrottlingException",
                     "LimitExceededException" -> new StoreException(ErrorCode.UNAVAILABLE, "dynamodb",
                        operation + ": throttled (" + code + ")", true, e);
                case "ValidationException" -> new StoreException(ErrorCode.INVALID_ARGUMENT, "dynamodb",
                        operation + ": refused by DynamoDB as invalid", false, e);
                case "ResourceNotFoundException" -> new StoreException(ErrorCode.INTERNAL, "dynamodb",
                        operation + ": the route's table does not exist", false, e);
                default -> status >= 500
                        ? new StoreException(ErrorCode.UNAVAILABLE, "dynamodb", operation + ": DynamoDB failed (" + code
                        + ")", true, e)
                        : new StoreException(ErrorCode.INTERNAL, "dynamodb", operation + ": DynamoDB refused (" + code
                        + ")", false, e);
            };
        }
        if (e instanceof SdkClientException) {
            return new StoreException(ErrorCode.UNAVAILABLE, "dynamodb", operation + ": DynamoDB unreachable", true, e);
        }
        return new StoreException(ErrorCode.INTERNAL, "dynamodb", operation + " failed", false, e);
    }
}
