package northstar.adapters.persistence.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Map;
import java.util.stream.Stream;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.tabular.TabularKey;
import northstar.testkit.servers.ClosedPort;
import northstar.testkit.Translations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Every DynamoDB failure is labelled by what it is: the SDK's own exception types in, portable codes out. */
class DynamoDbErrorsTest {
    static AwsErrorDetails details(String code) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage("said " + code).build();
    }

    static DynamoDbException answered(int status, String code) {
        return (DynamoDbException) DynamoDbException.builder().statusCode(status).awsErrorDetails(details(code)).build();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(ProvisionedThroughputExceededException.builder().statusCode(400)
                        .awsErrorDetails(details("ProvisionedThroughputExceededException")).build(),
                        ErrorCode.RESOURCE_EXHAUSTED, true),
                Arguments.of(RequestLimitExceededException.builder().statusCode(400)
                        .awsErrorDetails(details("RequestLimitExceeded")).build(), ErrorCode.RESOURCE_EXHAUSTED, true),
                Arguments.of(answered(400, "ThrottlingException"), ErrorCode.RESOURCE_EXHAUSTED, true),
                Arguments.of(answered(429, "TooManyRequests"), ErrorCode.RESOURCE_EXHAUSTED, true),
                Arguments.of(answered(500, "InternalServerError"), ErrorCode.UNAVAILABLE, true),
                Arguments.of(answered(503, "ServiceUnavailable"), ErrorCode.UNAVAILABLE, true),
                Arguments.of(answered(501, "NotImplemented"), ErrorCode.INTERNAL, false),
                Arguments.of(ConditionalCheckFailedException.builder().statusCode(400)
                        .awsErrorDetails(details("ConditionalCheckFailedException")).build(),
                        ErrorCode.FAILED_PRECONDITION, false),
                Arguments.of(answered(400, "ValidationException"), ErrorCode.INVALID_ARGUMENT, false),
                Arguments.of(ResourceNotFoundException.builder().statusCode(400)
                        .awsErrorDetails(details("ResourceNotFoundException")).build(), ErrorCode.INTERNAL, false),
                Arguments.of(answered(400, "UnrecognizedClientException"), ErrorCode.INTERNAL, false),
                Arguments.of(answered(400, "SomethingNew"), ErrorCode.INTERNAL, false),
                Arguments.of(SdkClientException.create("Unable to execute HTTP request", new ConnectException("refused")),
                        ErrorCode.UNAVAILABLE, true),
                Arguments.of(ApiCallTimeoutException.create(1000), ErrorCode.UNAVAILABLE, true),
                Arguments.of(ApiCallAttemptTimeoutException.create(1000), ErrorCode.UNAVAILABLE, true),
                Arguments.of(AbortedException.create("interrupted"), ErrorCode.UNAVAILABLE, true),
                Arguments.of(SdkClientException.create("Unable to load credentials"), ErrorCode.INTERNAL, false),
                Arguments.of(SdkException.create("unrecognised", new IllegalStateException("bug")), ErrorCode.INTERNAL,
                        false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("table")
    void labelsEachFailureByWhatItIs(SdkException failure, ErrorCode code, boolean retryable) {
        Translations.assertLabelled(DynamoDbErrors.translate("op", failure), failure, "dynamodb", code, retryable);
    }

    @Test
    void anEndpointThatRefusesConnectionsIsRetryableUnavailable() {
        try (var store = new DynamoDbTabularStore(new Route(ResourceKind.TABULAR_STORE, "dynamodb", Map.of(
                "table_name", "t", "region", "us-east-1", "endpoint", ClosedPort.httpEndpoint(), "credentials", "static",
                "access_key_id", "k", "secret_access_key", "s", "max_attempts", "1")))) {
            assertThatThrownBy(() -> store.get(new TabularKey("t1", "things", "k")))
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getCause()).hasRootCauseInstanceOf(IOException.class);
                    });
        }
    }
}
