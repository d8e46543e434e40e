package northstar.adapters.blob.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.storage.blob.models.BlobStorageException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.concurrent.TimeoutException;
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
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Every Azure failure is labelled by what it is: the SDK's own exception types in, portable codes out. */
class AzureErrorsTest {
    /** An answer of the service as the SDK hands it to its exceptions: a status and an error-code header. */
    static HttpResponse response(int status, String errorCode) {
        HttpHeaders headers = new HttpHeaders();
        if (errorCode != null) {
            headers.set("x-ms-error-code", errorCode);
        }
        return new HttpResponse(new HttpRequest(HttpMethod.GET, "http://127.0.0.1/c/b")) {
            @Override
            public int getStatusCode() {
                return status;
            }

            @Override
            @Deprecated
            public String getHeaderValue(String name) {
                return headers.getValue(name);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }

            @Override
            public Flux<ByteBuffer> getBody() {
                return Flux.empty();
            }

            @Override
            public Mono<byte[]> getBodyAsByteArray() {
                return Mono.just(new byte[0]);
            }

            @Override
            public Mono<String> getBodyAsString() {
                return Mono.just("");
            }

            @Override
            public Mono<String> getBodyAsString(Charset charset) {
                return Mono.just("");
            }
        };
    }

    static BlobStorageException answered(int status, String code) {
        return new BlobStorageException("Status code " + status + ", " + code, response(status, code), null);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(answered(503, "ServerBusy"), ErrorCode.RESOURCE_EXHAUSTED, true),
                Arguments.of(answered(429, "TooManyRequests"), ErrorCode.RESOURCE_EXHAUSTED, true),
                Arguments.of(answered(503, "ServiceUnavailable"), ErrorCode.UNAVAILABLE, true),
                Arguments.of(answered(500, "InternalError"), ErrorCode.UNAVAILABLE, true),
                Arguments.of(answered(408, "OperationTimedOut"), ErrorCode.UNAVAILABLE, true),
                Arguments.of(answered(404, "BlobNotFound"), ErrorCode.NOT_FOUND, false),
                Arguments.of(answered(412, "ConditionNotMet"), ErrorCode.FAILED_PRECONDITION, false),
                Arguments.of(answered(409, "BlobAlreadyExists"), ErrorCode.FAILED_PRECONDITION, false),
                Arguments.of(answered(400, "Md5Mismatch"), ErrorCode.INVALID_ARGUMENT, false),
                Arguments.of(answered(403, "AuthenticationFailed"), ErrorCode.INTERNAL, false),
                Arguments.of(answered(400, "InvalidHeaderValue"), ErrorCode.INTERNAL, false),
                Arguments.of(new ClientAuthenticationException("token refused", response(401, null)), ErrorCode.INTERNAL,
                        false),
                Arguments.of(new ResourceNotFoundException("gone", response(404, null)), ErrorCode.NOT_FOUND, false),
                Arguments.of(new HttpResponseException("busy", response(429, null)), ErrorCode.RESOURCE_EXHAUSTED, true),
                // what the synchronous client throws when no answer came: reactor's wrapper of the cause
                Arguments.of(Exceptions.propagate(new ConnectException("Connection refused")), ErrorCode.UNAVAILABLE, true),
                Arguments.of(Exceptions.propagate(new TimeoutException("Did not observe any item")), ErrorCode.UNAVAILABLE,
                        true),
                Arguments.of(new UncheckedIOException(new java.io.IOException("reset")), ErrorCode.UNAVAILABLE, true),
                Arguments.of(new IllegalStateException("a bug"), ErrorCode.INTERNAL, false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("table")
    void labelsEachFailureByWhatItIs(RuntimeException failure, ErrorCode code, boolean retryable) {
        Translations.assertLabelled(AzureErrors.translate("op", failure), failure, "azure_blob", code, retryable);
    }

    @Test
    void ourOwnPortableFailurePassesThroughUnchanged() {
        StoreException own = StoreException.invalid("body", "too short");
        assertThat(AzureErrors.translate("op", own)).isSameAs(own);
    }

    @Test
    void anEndpointThatRefusesConnectionsIsRetryableUnavailable() {
        String endpoint = ClosedPort.httpEndpoint() + "/devstoreaccount1";
        AzureBlobObjectStore store = new AzureBlobObjectStore(new Route(ResourceKind.OBJECT_STORE, "azure_blob", Map.of(
                "connection_string", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey="
                        + "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
                        + "BlobEndpoint=" + endpoint + ";",
                "container", "c", "max_attempts", "1")), null);
        assertThatThrownBy(() -> store.head(new ObjectNamespace("t1", "dev"), ObjectKey.of("a")))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.retryable()).isTrue();
                });
    }
}
