package northstar.adapters.persistence.firestore;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.firestore.FirestoreException;
import java.util.concurrent.ExecutionException;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;

/** The one place where Firestore client failures become portable errors. */
final class FirestoreErrors {
    static final String BACKEND = "firestore";

    private FirestoreErrors() {
    }

    /** The gRPC status code name of a Firestore failure (ALREADY_EXISTS, ...), or UNKNOWN. */
    static String code(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FirestoreException f && f.getStatus() != null) {
                return f.getStatus().getCode().name();
            }
            if (t instanceof ApiException a) {
                return a.getStatusCode().getCode().name();
            }
        }
        return "UNKNOWN";
    }

    static StoreException translate(String operation, Throwable e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof StoreException s) {
            return s;
        }
        String code = code(cause);
        String detail = operation + ": Firestore answered " + code;
        return switch (code) {
            case "NOT_FOUND" -> new StoreException(ErrorCode.NOT_FOUND, BACKEND, detail, false, cause);
            case "ALREADY_EXISTS" -> new StoreException(ErrorCode.ALREADY_EXISTS, BACKEND, detail, false, cause);
            case "FAILED_PRECONDITION" -> new StoreException(ErrorCode.FAILED_PRECONDITION, BACKEND, detail, false, cause);
            case "INVALID_ARGUMENT", "OUT_OF_RANGE" -> new StoreException(ErrorCode.INVALID_ARGUMENT, BACKEND, detail, false,
                    cause);
            case "PERMISSION_DENIED", "UNAUTHENTICATED" -> new StoreException(ErrorCode.INTERNAL, BACKEND, detail
                    + " (the route's credentials were refused)", false, cause);
            case "UNAVAILABLE", "DEADLINE_EXCEEDED", "ABORTED", "RESOURCE_EXHAUSTED", "INTERNAL", "CANCELLED",
                 "UNKNOWN" -> new StoreException(ErrorCode.UNAVAILABLE, BACKEND, detail, true, cause);
            default -> new StoreException(ErrorCode.INTERNAL, BACKEND, detail, false, cause);
        };
    }

    /** Waits for a Firestore call; failures become portable errors. */
    static <T> T await(String operation, com.google.api.core.ApiFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(ErrorCode.UNAVAILABLE, BACKEND, operation + " interrupted", true, e);
        } catch (ExecutionException e) {
            throw translate(operation, e);
        } catch (RuntimeException e) {
            throw translate(operation, e);
        }
    }
}
