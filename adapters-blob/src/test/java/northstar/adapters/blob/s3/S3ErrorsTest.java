package northstar.adapters.blob.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Map;
import java.util.stream.Stream;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.domain.objects.ObjectKey;
import northstar.domain.objects.ObjectNamespace;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
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
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Every S3 failure is labelled by what it is: the SDK's own exception types in, portable codes out. */
class S3ErrorsTest {
    static S3Exception answered(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("said " + code).build()).build();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(answered(503, "SlowDown"), ErrorCode.RESOURCE_EXHAUSTED, true),
                Arguments.of(answered(429, "TooManyRequests"), ErrorCode.RESOURCE_EXHAUSTED, true),
                Arguments.of(answered(503, "ServiceUnavailable"), ErrorCode.UNAVAILABLE, true),
                Arguments.of(answered(500, "InternalError"), ErrorCode.UNAVAILABLE, true),
                Arguments.of(answered(408, "RequestTimeout"), ErrorCode.UNAVAILABLE, true),
                Arguments.of(answered(501, "NotImplemented"), ErrorCode.INTERNAL, false),
                Arguments.of(answered(404, "NoSuchBucket"), ErrorCode.NOT_FOUND, false),
                Arguments.of(NoSuchKeyException.builder().statusCode(404).build(), ErrorCode.NOT_FOUND, false),
                Arguments.of(answered(412, "PreconditionFailed"), ErrorCode.FAILED_PRECONDITION, false),
                Arguments.of(answered(400, "BadDigest"), ErrorCode.INVALID_ARGUMENT, false),
                Arguments.of(answered(403, "SignatureDoesNotMatch"), ErrorCode.INTERNAL, false),
                Arguments.of(answered(400, "InvalidArgument"), ErrorCode.INTERNAL, false),
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
        Translations.assertLabelled(S3Errors.translate("op", failure), failure, "s3", code, retryable);
    }

    @Test
    void anEndpointThatRefusesConnectionsIsRetryableUnavailable() {
        S3ObjectStore store = new S3ObjectStore(new Route(ResourceKind.OBJECT_STORE, "s3", Map.of("bucket", "b",
                "region", "us-east-1", "endpoint", ClosedPort.httpEndpoint(), "path_style", "true", "credentials",
                "static", "access_key_id", "k", "secret_access_key", "s", "max_attempts", "1")));
        assertThatThrownBy(() -> store.head(new ObjectNamespace("t1", "dev"), ObjectKey.of("a")))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getCause()).hasRootCauseInstanceOf(IOException.class);
                });
        store.close();
    }
}
