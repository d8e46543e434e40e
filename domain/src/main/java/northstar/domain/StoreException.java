package northstar.domain;

import java.util.Objects;

/**
 * The one portable failure of Northstar Stores: a code to act on, the backend it came from and
 * whether retrying the same call may succeed. SDK exception types never cross a port; adapters wrap
 * them in this type (keeping the cause for logs, never for callers).
 */
public class StoreException extends RuntimeException {
    private final ErrorCode code;
    private final String backend;
    private final boolean retryable;

    public StoreException(ErrorCode code, String message) {
        this(code, "northstar", message, code == ErrorCode.UNAVAILABLE, null);
    }

    public StoreException(ErrorCode code, String backend, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.retryable = retryable;
    }

    public static StoreException invalid(String field, String reason) {
        return new InvalidArgument(field, reason);
    }

    public static StoreException notFound(String what) {
        return new StoreException(ErrorCode.NOT_FOUND, what + " not found");
    }

    /** The backend could not be reached or did not answer in time; the same call may succeed later. */
    public static StoreException unavailable(String backend, String message, Throwable cause) {
        return new StoreException(ErrorCode.UNAVAILABLE, backend, message, true, cause);
    }

    /** The backend throttled the call (HTTP 429, S3 SlowDown, gRPC RESOURCE_EXHAUSTED): retry later. */
    public static StoreException throttled(String backend, String message, Throwable cause) {
        return new StoreException(ErrorCode.RESOURCE_EXHAUSTED, backend, message, true, cause);
    }

    /**
     * A failure the adapter does not recognise, or a refusal that no retry can change (credentials,
     * a missing table): a server-side fault, never retried, carrying its cause for the log.
     */
    public static StoreException internal(String backend, String message, Throwable cause) {
        return new StoreException(ErrorCode.INTERNAL, backend, message, false, cause);
    }

    public ErrorCode code() {
        return code;
    }

    public String backend() {
        return backend;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Bad input: names the offending field so callers (and HTTP problems) can point at it. */
    public static final class InvalidArgument extends StoreException {
        private final String field;

        public InvalidArgument(String field, String reason) {
            super(ErrorCode.INVALID_ARGUMENT, field + ": " + reason);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
