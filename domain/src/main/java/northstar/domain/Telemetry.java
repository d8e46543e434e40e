package northstar.domain;

import java.util.Map;

/**
 * Outbound port: what the service reports of itself, as numbers (metrics) and as spans (traces).
 * Bootstrap binds it to Micrometer and OpenTelemetry; {@link #NONE} costs nothing. Labels are
 * bounded by construction: a tenant, a backend type, a route template, an outcome word; never an
 * object key, an event id, a URL or a secret.
 */
public interface Telemetry {
    /** Reports nothing. */
    Telemetry NONE = new Telemetry() {
    };

    /** A span in progress; closing it ends it. */
    interface Span extends AutoCloseable {
        Span NONE = new Span() {
        };

        /** The work failed: the span records the failure's kind. */
        default void failed(Throwable cause) {
        }

        @Override
        default void close() {
        }
    }

    /**
     * Starts a span (a child of the current one, if any) and makes it current until closed.
     *
     * @param attributes semantic-convention attributes, e.g. db.system, db.operation.name
     */
    default Span span(String name, Map<String, String> attributes) {
        return Span.NONE;
    }

    /** The same work, run on another thread as part of the current span (its context carried along). */
    default <T> java.util.function.Supplier<T> carry(java.util.function.Supplier<T> work) {
        return work;
    }

    /** One call of an adapter: backend type, resource kind, operation, outcome (ok or an ErrorCode). */
    default void backendCall(String backendType, String resourceKind, String operation, String outcome, long nanos) {
    }

    /** One event's ingest outcome: stored, replayed, gatechainerror, error, refused or journaled. */
    default void ingested(String tenantId, String outcome) {
    }

    /** A usage increment refused by a hard limit. */
    default void budgetRefused(String tenantId, String provider, String metric) {
    }

    /** Bytes of object bodies, direction in or out. */
    default void objectBytes(String direction, long bytes) {
    }

    /** One group commit of an embedded store: how many writes it held, and how long its sync took. */
    default void storeCommit(String backendType, int groupSize, long syncNanos) {
    }

    /** One HTTP request: method, route template (never the raw path), status. */
    default void httpRequest(String method, String route, int status, long nanos) {
    }
}
