package northstar.adapters.persistence.firestore;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.firestore.FirestoreException;
import io.grpc.Status;
import java.util.Optional;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;

/**
 * The one place where Firestore client failures become portable errors. Only the client's own
 * exception types (FirestoreException, gax ApiException) are translated, by their gRPC status; any
 * other failure is a bug and travels as itself.
 */
final class FirestoreErrors {
    static final String BACKEND = "firestore";

    private FirestoreErrors() {
    }

    /** The gRPC status code of a Firestore client failure, when it is one. */
    static Optional<Status.Code> code(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FirestoreException f && f.getStatus() != null) {
                return Optional.of(f.getStatus().getCode());
            }
            if (t instanceof ApiException a) {
                return Optional.of(Status.Code.valueOf(a.getStatusCode().getCode().name()));
            }
        }
        return Optional.empty();
    }

    /** Translates a failure the client reported with its status (see {@link #code}). */
    static StoreException translate(String operation, Status.Code code, Throwable e) {
        String detail = operation + ": Firestore answered " + code;
        return switch (code) {
            case NOT_FOUND -> new StoreException(ErrorCode.NOT_FOUND, BACKEND, detail, false, e);
            case ALREADY_EXISTS -> new StoreException(ErrorCode.ALREADY_EXISTS, BACKEND, detail, false, e);
            case FAILED_PRECONDITION -> new StoreException(ErrorCode.FAILED_PRECONDITION, BACKEND, detail, false, e);
            case INVALID_ARGUMENT, OUT_OF_RANGE -> new StoreException(ErrorCode.INVALID_ARGUMENT, BACKEND, detail, false, e);
            case PERMISSION_DENIED, UNAUTHENTICATED -> StoreException.internal(BACKEND,
                    detail + " (the route's credentials were refused)", e);
            case RESOURCE_EXHAUSTED -> StoreException.throttled(BACKEND, detail, e);
            // ABORTED: a transaction lost a race; INTERNAL: Firestore's own transient server fault
            case UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED, INTERNAL, CANCELLED -> StoreException.unavailable(BACKEND, detail, e);
            default -> StoreException.internal(BACKEND, detail, e); // UNKNOWN, UNIMPLEMENTED, DATA_LOSS, OK
        };
    }

    /** A failure of a call as a portable error: the client's own by its status, any other as itself. */
    static RuntimeException failure(String operation, Throwable cause) {
        if (cause instanceof StoreException s) {
            return s;
        }
        Optional<Status.Code> code = code(cause);
        if (code.isPresent()) {
            return translate(operation, code.get(), cause);
        }
        return cause instanceof RuntimeException r ? r
                : StoreException.internal(BACKEND, operation + " failed (" + cause.getClass().getName() + ")", cause);
    }
}
