package northstar.bootstrap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
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
    private final Tracer tracer;
    /** The meters, described once; each call only names its tags. All null without a registry. */
    private final Meter.MeterProvider<Timer> backendCalls;
    private final Meter.MeterProvider<Counter> ingestEvents;
    private final Meter.MeterProvider<Counter> budgetRefusals;
    private final Meter.MeterProvider<Counter> objectBytes;
    private final Meter.MeterProvider<Timer> httpRequests;
    private final java.util.function.Function<String, Commits> commits;

    /** The group-commit meters of one embedded backend type. */
    private record Commits(DistributionSummary groupSize, Timer sync) {
    }

    /** @param registry where the metrics go, or null for none (spans go to the process's OpenTelemetry) */
    public ObservedTelemetry(MeterRegistry registry) {
        this(registry, GlobalOpenTelemetry.get());
    }

    /** @param openTelemetry where the spans go (the host's SDK, the Java agent's, or a no-op) */
    public ObservedTelemetry(MeterRegistry registry, io.opentelemetry.api.OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("northstar.stores");
        if (registry == null) {
            backendCalls = httpRequests = null;
            ingestEvents = budgetRefusals = objectBytes = null;
            commits = type -> null;
            return;
        }
        backendCalls = Timer.builder("northstar.backend.call").description("Calls of the backends' adapters")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30)).withRegistry(registry);
        httpRequests = Timer.builder("northstar.http.requests").description("HTTP requests, by route template")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60)).withRegistry(registry);
        ingestEvents = Counter.builder("northstar.ingest.events").description("Events ingested, by outcome")
                .withRegistry(registry);
        budgetRefusals = Counter.builder("northstar.budget.refusals")
                .description("Usage increments refused by a hard limit").withRegistry(registry);
        objectBytes = Counter.builder("northstar.objects.bytes").description("Bytes of object bodies").baseUnit("bytes")
                .withRegistry(registry);
        Map<String, Commits> byType = new java.util.concurrent.ConcurrentHashMap<>();
        commits = type -> byType.computeIfAbsent(type, t -> new Commits(
                DistributionSummary.builder("northstar." + t + ".commit.group.size")
                        .description("Writes made durable by one group commit").register(registry),
                Timer.builder("northstar." + t + ".fsync").description("Time of one group commit's sync")
                        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(5)).register(registry)));
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
        if (backendCalls != null) {
            backendCalls.withTags("backend_type", backendType, "resource_kind", resourceKind, "operation", operation,
                    "outcome", outcome).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void ingested(String tenantId, String outcome) {
        if (ingestEvents != null) {
            ingestEvents.withTags("tenant", tenantId, "outcome", outcome).increment();
        }
    }

    @Override
    public void budgetRefused(String tenantId, String provider, String metric) {
        if (budgetRefusals != null) {
            budgetRefusals.withTags("tenant", tenantId, "provider", provider, "metric", metric).increment();
        }
    }

    @Override
    public void objectBytes(String direction, long bytes) {
        if (objectBytes != null) {
            objectBytes.withTags("direction", direction).increment(bytes);
        }
    }

    @Override
    public void storeCommit(String backendType, int groupSize, long syncNanos) {
        Commits c = commits.apply(backendType);
        if (c != null) {
            c.groupSize().record(groupSize);
            c.sync().record(syncNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void httpRequest(String method, String route, int status, long nanos) {
        if (httpRequests != null) {
            httpRequests.withTags("method", method, "route", route, "status", Integer.toString(status))
                    .record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
