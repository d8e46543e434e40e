package northstar.domain;

/**
 * Portable error codes. Callers act on the code, never on the message; every adapter translates its
 * backend's failures to one of these in one place.
 */
public enum ErrorCode {
    /** The input is malformed or out of range; retrying the same input fails again. */
    INVALID_ARGUMENT,
    /** The addressed resource does not exist (or belongs to another tenant). */
    NOT_FOUND,
    /** A create-if-absent write found the resource already there. */
    ALREADY_EXISTS,
    /** A condition of the write did not hold (stale version, ceiling, state); nothing changed. */
    FAILED_PRECONDITION,
    /** The caller may not do this in its context (mode, tenant, role). */
    PERMISSION_DENIED,
    /** A quota or limit refuses the operation; nothing changed. */
    RESOURCE_EXHAUSTED,
    /** The backend could not be reached or is overloaded; the operation may be retried. */
    UNAVAILABLE,
    /** A bug or misconfiguration on the server side; not the caller's fault. */
    INTERNAL
}
