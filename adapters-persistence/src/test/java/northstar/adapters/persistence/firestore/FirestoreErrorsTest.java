package northstar.adapters.persistence.firestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.core.ApiFutures;
import com.google.api.core.SettableApiFuture;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.ApiExceptionFactory;
import com.google.api.gax.rpc.StatusCode;
import io.grpc.Status;
import java.time.Duration;
import java.util.stream.Stream;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.testkit.Translations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Firestore failure is labelled by what it is: the gax ApiExceptions the client fails its futures
 * with (made by gax's own factory from the gRPC status), portable codes out.
 */
class FirestoreErrorsTest {
    final FirestoreDeadline deadline = new FirestoreDeadline("test", Duration.ofSeconds(5));

    @AfterEach
    void closeTheWatch() {
        deadline.close();
    }

    /** A gRPC status as gax carries it (what gax-grpc's GrpcStatusCode does, without its split package). */
    record GrpcCode(Status.Code transport) implements StatusCode {
        @Override
        public Code getCode() {
            return Code.valueOf(transport.name());
        }

        @Override
        public Object getTransportCode() {
            return transport;
        }
    }

    static ApiException failed(Status.Code code) {
        return ApiExceptionFactory.createException(code.toStatus().asRuntimeException(), new GrpcCode(code), false);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(Status.Code.RESOURCE_EXHAUSTED, ErrorCode.RESOURCE_EXHAUSTED, true),
                Arguments.of(Status.Code.UNAVAILABLE, ErrorCode.UNAVAILABLE, true),
                Arguments.of(Status.Code.DEADLINE_EXCEEDED, ErrorCode.UNAVAILABLE, true),
                Arguments.of(Status.Code.ABORTED, ErrorCode.UNAVAILABLE, true),
                Arguments.of(Status.Code.INTERNAL, ErrorCode.UNAVAILABLE, true),
                Arguments.of(Status.Code.CANCELLED, ErrorCode.UNAVAILABLE, true),
                Arguments.of(Status.Code.NOT_FOUND, ErrorCode.NOT_FOUND, false),
                Arguments.of(Status.Code.ALREADY_EXISTS, ErrorCode.ALREADY_EXISTS, false),
                Arguments.of(Status.Code.FAILED_PRECONDITION, ErrorCode.FAILED_PRECONDITION, false),
                Arguments.of(Status.Code.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT, false),
                Arguments.of(Status.Code.PERMISSION_DENIED, ErrorCode.INTERNAL, false),
                Arguments.of(Status.Code.UNAUTHENTICATED, ErrorCode.INTERNAL, false),
                Arguments.of(Status.Code.UNKNOWN, ErrorCode.INTERNAL, false),
                Arguments.of(Status.Code.UNIMPLEMENTED, ErrorCode.INTERNAL, false),
                Arguments.of(Status.Code.DATA_LOSS, ErrorCode.INTERNAL, false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("table")
    void labelsEachFailureByItsStatus(Status.Code status, ErrorCode code, boolean retryable) {
        ApiException failure = failed(status);
        assertThatThrownBy(() -> deadline.await("op", ApiFutures.immediateFailedFuture(failure)))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> Translations.assertLabelled(e, failure, "firestore", code, retryable));
    }

    @Test
    void aFailureThatIsNotTheClientsIsABugAndTravelsAsItself() {
        IllegalStateException bug = new IllegalStateException("a bug");
        assertThatThrownBy(() -> deadline.await("op", ApiFutures.immediateFailedFuture(bug))).isSameAs(bug);
        SettableApiFuture<Object> checked = SettableApiFuture.create();
        checked.setException(new java.io.IOException("not the client's"));
        assertThatThrownBy(() -> deadline.await("op", checked)).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
    }

    @Test
    void aCallThatDoesNotAnswerWithinTheRouteDeadlineIsRetryableUnavailableAndCancelled() {
        SettableApiFuture<Object> hanging = SettableApiFuture.create();
        long t0 = System.nanoTime();

        try (FirestoreDeadline short50 = new FirestoreDeadline("test", Duration.ofMillis(50))) {
            assertThatThrownBy(() -> short50.await("op", hanging))
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).contains("did not answer within 50 ms");
                    });
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("ended by the watch, at most a tick late")
                .isGreaterThanOrEqualTo(Duration.ofMillis(50)).isLessThan(Duration.ofSeconds(2));
        assertThat(hanging.isCancelled()).isTrue();
    }

    @Test
    void anAnswerWithinTheDeadlineIsTheCallsAndIsNeverCancelled() throws Exception {
        SettableApiFuture<Object> slow = SettableApiFuture.create();
        Thread answering = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slow.set("stored");
        });
        try (FirestoreDeadline second = new FirestoreDeadline("test", Duration.ofSeconds(1))) {
            assertThat(second.await("op", slow)).isEqualTo("stored");
            Thread.sleep(1_200); // past the deadline: the watch drops an answered call, cancels nothing
            assertThat(slow.isCancelled()).isFalse();
        }
        answering.join();
    }

    @Test
    void anInterruptedWaitCancelsTheCallAndKeepsTheInterrupt() throws Exception {
        SettableApiFuture<Object> hanging = SettableApiFuture.create();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                deadline.await("op", hanging);
            } catch (RuntimeException e) {
                failure.set(e);
                interrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        Thread.sleep(50);
        caller.interrupt();
        caller.join();

        assertThat(failure.get()).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        assertThat(interrupted).isTrue();
        assertThat(hanging.isCancelled()).isTrue();
    }

    @Test
    void aCallAfterTheStoreClosedDoesNotWaitForever() {
        SettableApiFuture<Object> hanging = SettableApiFuture.create();
        deadline.close();

        assertThatThrownBy(() -> deadline.await("op", hanging)).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }
}
