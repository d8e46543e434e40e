package northstar.adapters.blob.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.storage.StorageException;
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

/** Every Cloud Storage failure is labelled by what it is: the client's own exception type in, portable codes out. */
class GcsErrorsTest {
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(new StorageException(429, "rate limit"), ErrorCode.RESOURCE_EXHAUSTED, true),
                Arguments.of(new StorageException(503, "backend error"), ErrorCode.UNAVAILABLE, true),
                Arguments.of(new StorageException(500, "internal"), ErrorCode.UNAVAILABLE, true),
                Arguments.of(new StorageException(408, "timeout"), ErrorCode.UNAVAILABLE, true),
                Arguments.of(new StorageException(new ConnectException("Connection refused")), ErrorCode.UNAVAILABLE, true),
                Arguments.of(new StorageException(501, "not implemented"), ErrorCode.INTERNAL, false),
                Arguments.of(new StorageException(404, "no such object"), ErrorCode.NOT_FOUND, false),
                Arguments.of(new StorageException(412, "generation mismatch"), ErrorCode.FAILED_PRECONDITION, false),
                Arguments.of(new StorageException(400, "invalid"), ErrorCode.INVALID_ARGUMENT, false),
                Arguments.of(new StorageException(401, "unauthenticated"), ErrorCode.INTERNAL, false),
                Arguments.of(new StorageException(403, "forbidden"), ErrorCode.INTERNAL, false),
                Arguments.of(new StorageException(418, "unrecognised"), ErrorCode.INTERNAL, false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("table")
    void labelsEachFailureByWhatItIs(StorageException failure, ErrorCode code, boolean retryable) {
        Translations.assertLabelled(GcsErrors.translate("op", failure), failure, "gcs", code, retryable);
    }

    @Test
    void ourOwnFailureInsideTheClientsWritePathIsReturnedAsItWas() {
        StoreException own = StoreException.invalid("sha256", "does not match");
        assertThat(GcsErrors.translate("put", new StorageException(0, "upload failed", own))).isSameAs(own);
    }

    @Test
    void anEndpointThatRefusesConnectionsIsRetryableUnavailable() {
        try (GcsObjectStore store = new GcsObjectStore(new Route(ResourceKind.OBJECT_STORE, "gcs", Map.of("bucket", "b",
                "project", "p", "credentials", "application_default", "endpoint", ClosedPort.httpEndpoint(),
                "max_attempts", "1")), GoogleCredentials.create(new AccessToken("token", null)))) {
            assertThatThrownBy(() -> store.head(new ObjectNamespace("t1", "dev"), ObjectKey.of("a")))
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getCause()).hasRootCauseInstanceOf(IOException.class);
                    });
        }
    }
}
