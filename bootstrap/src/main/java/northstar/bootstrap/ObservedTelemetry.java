package northstar.bootstrap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import northstar.domain.Telemetry;

/**
 * Telemetry on Micrometer (metrics, in the host's registry) and the OpenTelemetry API (spans, on
 * whatever SDK or agent the process has; without one they cost nothing). Metric names, in the
 * Prometheus form they take: northstar_http_requests_seconds, northstar_backend_call_seconds,
 * northstar_ingest_events_total, northstar_budget_refusals_total, northstar_objects_bytes_total,
 * northstar_sqlite_commit_group_size, northstar_sqlite_fsync_seconds. Every label value is bounded:
 * a configured tenant, a backend type, a route template, an operation or outcome word.
 */
public final class ObservedTelemetry implements Telemetry {
    private final MeterRegistry registry;
    private final Tracer tracer;

    /** @param registry where the metrics go, or null for none (spans go to the process's OpenTelemetry) */
    public ObservedTelemetry(MeterRegistry registry) {
        this(registry, GlobalOpenTelemetry.get());
    }

    /** @param openTelemetry where the spans go (the host's SDK, the Java agent's, or a no-op) */
    public ObservedTelemetry(MeterRegistry registry, io.opentelemetry.api.OpenTelemetry openTelemetry) {
        this.registry = registry;
        this.tracer = openTelemetry.getTracer("northstar.stores");
    }

    @Override
    public Span span(String name, Map<String, String> attributes) {
        var builder = tracer.spanBuilder(name).setSpanKind(attributes.containsKey("db.system.name") ? SpanKind.CLIENT
                : SpanKind.INTERNAL);
        attributes.forEach(builder::setAttribute);
        io.opentelemetry.api.trace.Span span = builder.startSpan();
        Scope scope = span.makeCurrent();
        return new Span() {
            @Override
            public void failed(Throwable cause) {
                span.setStatus(StatusCode.ERROR, cause.getClass().getSimpleName());
                span.setAttribute("error.type", cause instanceof northstar.domain.StoreException s ? s.code().name()
                        : cause.getClass().getName());
            }

            @Override
            public void close() {
                scope.close();
                span.end();
            }
        };
    }

    @Override
    public <T> java.util.function.Supplier<T> carry(java.util.function.Supplier<T> work) {
        io.opentelemetry.context.Context context = io.opentelemetry.context.Context.current();
        return () -> {
            try (Scope ignored = context.makeCurrent()) {
                return work.get();
            }
        };
    }

    @Override
    public void backendCall(String backendType, String resourceKind, String operation, String outcome, long nanos) {
        if (registry != null) {
            Timer.builder("northstar.backend.call").description("Calls of the backends' adapters")
                    .tags("backend_type", backendType, "resource_kind", resourceKind, "operation", operation, "outcome",
                            outcome)
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(30)).register(registry).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void ingested(String tenantId, String outcome) {
        if (registry != null) {
            Counter.builder("northstar.ingest.events").description("Events ingested, by outcome")
                    .tags("tenant", tenantId, "outcome", outcome).register(registry).increment();
        }
    }

    @Override
    public void budgetRefused(String tenantId, String provider, String metric) {
        if (registry != null) {
            Counter.builder("northstar.budget.refusals").description("Usage increments refused by a hard limit")
                    .tags("tenant", tenantId, "provider", provider, "metric", metric).register(registry).increment();
        }
    }

    @Override
    public void objectBytes(String direction, long bytes) {
        if (registry != null) {
            Counter.builder("northstar.objects.bytes").description("Bytes of object bodies").baseUnit("bytes")
                    .tag("direction", direction).register(registry).increment(bytes);
        }
    }

    @Override
    public void storeCommit(String backendType, int groupSize, long syncNanos) {
        if (registry != null) {
            DistributionSummary.builder("northstar." + backendType + ".commit.group.size")
                    .description("Writes made durable by one group commit").register(registry).record(groupSize);
            Timer.builder("northstar." + backendType + ".fsync").description("Time of one group commit's sync")
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(5)).register(registry).record(syncNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void httpRequest(String method, String route, int status, long nanos) {
        if (registry != null) {
            Timer.builder("northstar.http.requests").description("HTTP requests, by route template")
                    .tags("method", method, "route", route, "status", Integer.toString(status))
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(60)).register(registry).record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
