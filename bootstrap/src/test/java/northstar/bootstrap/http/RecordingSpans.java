package northstar.bootstrap.http;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OpenTelemetry that records the spans it is given, in memory, with their parents: what an SDK's
 * in-memory exporter would show, written against the API alone (the SDK is not readable from the
 * tests' module).
 */
final class RecordingSpans implements OpenTelemetry {
    /** One ended span: its name, its id, its parent's id (null for a root), its attributes, and its status. */
    record Ended(String name, String spanId, String parentSpanId, String traceId, SpanKind kind,
                 Map<String, String> attributes, StatusCode status) {
    }

    private final List<Ended> ended = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    List<Ended> ended() {
        return List.copyOf(ended);
    }

    @Override
    public TracerProvider getTracerProvider() {
        return new TracerProvider() {
            @Override
            public Tracer get(String instrumentationScopeName) {
                return this::builder;
            }

            @Override
            public Tracer get(String instrumentationScopeName, String instrumentationScopeVersion) {
                return this::builder;
            }

            private SpanBuilder builder(String name) {
                return new Builder(name);
            }
        };
    }

    @Override
    public ContextPropagators getPropagators() {
        return ContextPropagators.noop();
    }

    private final class Builder implements SpanBuilder {
        private final String name;
        private final Map<String, String> attributes = new ConcurrentHashMap<>();
        private Context parent;
        private SpanKind kind = SpanKind.INTERNAL;

        Builder(String name) {
            this.name = name;
        }

        @Override
        public SpanBuilder setParent(Context context) {
            parent = context;
            return this;
        }

        @Override
        public SpanBuilder setNoParent() {
            parent = Context.root();
            return this;
        }

        @Override
        public SpanBuilder addLink(SpanContext spanContext) {
            return this;
        }

        @Override
        public SpanBuilder addLink(SpanContext spanContext, Attributes attributes) {
            return this;
        }

        @Override
        public SpanBuilder setAttribute(String key, String value) {
            attributes.put(key, value);
            return this;
        }

        @Override
        public SpanBuilder setAttribute(String key, long value) {
            attributes.put(key, Long.toString(value));
            return this;
        }

        @Override
        public SpanBuilder setAttribute(String key, double value) {
            attributes.put(key, Double.toString(value));
            return this;
        }

        @Override
        public SpanBuilder setAttribute(String key, boolean value) {
            attributes.put(key, Boolean.toString(value));
            return this;
        }

        @Override
        public <T> SpanBuilder setAttribute(AttributeKey<T> key, T value) {
            attributes.put(key.getKey(), String.valueOf(value));
            return this;
        }

        @Override
        public SpanBuilder setSpanKind(SpanKind spanKind) {
            kind = spanKind;
            return this;
        }

        @Override
        public SpanBuilder setStartTimestamp(long startTimestamp, TimeUnit unit) {
            return this;
        }

        @Override
        public Span startSpan() {
            SpanContext parentContext = Span.fromContext(parent != null ? parent : Context.current()).getSpanContext();
            String traceId = parentContext.isValid() ? parentContext.getTraceId()
                    : String.format("%032x", ids.incrementAndGet() + 1_000_000);
            SpanContext context = SpanContext.create(traceId, String.format("%016x", ids.incrementAndGet()),
                    TraceFlags.getSampled(), TraceState.getDefault());
            return new Recording(name, context, parentContext.isValid() ? parentContext.getSpanId() : null, kind,
                    attributes);
        }
    }

    private final class Recording implements Span {
        private final String name;
        private final SpanContext context;
        private final String parent;
        private final SpanKind kind;
        private final Map<String, String> attributes;
        private volatile StatusCode status = StatusCode.UNSET;

        Recording(String name, SpanContext context, String parent, SpanKind kind, Map<String, String> attributes) {
            this.name = name;
            this.context = context;
            this.parent = parent;
            this.kind = kind;
            this.attributes = new ConcurrentHashMap<>(attributes);
        }

        @Override
        public <T> Span setAttribute(AttributeKey<T> key, T value) {
            attributes.put(key.getKey(), String.valueOf(value));
            return this;
        }

        @Override
        public Span addEvent(String name, Attributes attributes) {
            return this;
        }

        @Override
        public Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit) {
            return this;
        }

        @Override
        public Span setStatus(StatusCode statusCode, String description) {
            status = statusCode;
            return this;
        }

        @Override
        public Span recordException(Throwable exception, Attributes additionalAttributes) {
            return this;
        }

        @Override
        public Span updateName(String name) {
            return this;
        }

        @Override
        public void end() {
            ended.add(new Ended(name, context.getSpanId(), parent, context.getTraceId(), kind, Map.copyOf(attributes),
                    status));
        }

        @Override
        public void end(long timestamp, TimeUnit unit) {
            end();
        }

        @Override
        public SpanContext getSpanContext() {
            return context;
        }

        @Override
        public boolean isRecording() {
            return true;
        }
    }
}
