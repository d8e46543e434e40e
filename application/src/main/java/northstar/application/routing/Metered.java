package northstar.application.routing;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import northstar.domain.Backend;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.ProjectScope;
import northstar.domain.StoreException;
import northstar.domain.Telemetry;
import northstar.domain.analytics.AnalyticsQuery;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.analytics.IngestResult;
import northstar.domain.objects.ObjectContent;
import northstar.domain.objects.ObjectInfo;
import northstar.domain.objects.ObjectKey;
import northstar.domain.objects.ObjectNamespace;
import northstar.domain.objects.ObjectStore;
import northstar.domain.objects.PresignOptions;
import northstar.domain.objects.PresignedRequest;
import northstar.domain.objects.PutOptions;
import northstar.domain.routing.Route;
import northstar.domain.tabular.TabularItem;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TabularStore;
import northstar.domain.tabular.WriteCondition;

/**
 * Adapters as the use cases see them when telemetry is on: every call of a port is one span and
 * one timing, by backend type, resource kind, operation and outcome ({@code ok}, or the failure's
 * ErrorCode in lower case). Readiness probes and closing pass straight through.
 */
final class Metered {
    private Metered() {
    }

    static Backend wrap(Backend adapter, Route route, Telemetry telemetry) {
        Calls calls = new Calls(route, telemetry);
        return switch (adapter) {
            case AnalyticsStore a -> new Analytics(a, calls);
            case TabularStore t -> new Tabular(t, calls);
            case ObjectStore o -> new Objects(o, calls, telemetry);
            default -> adapter;
        };
    }

    /** Times and traces one call of a route's adapter; each operation's span name and attributes are made once. */
    private record Calls(Route route, Telemetry telemetry, Map<String, Map.Entry<String, Map<String, String>>> spans) {
        Calls(Route route, Telemetry telemetry) {
            this(route, telemetry, new java.util.concurrent.ConcurrentHashMap<>());
        }

        <R> R call(String operation, Supplier<R> work) {
            long start = System.nanoTime();
            String type = route.backendType();
            String kind = route.resourceKind().wireName();
            var span = spans.computeIfAbsent(operation, op -> Map.entry(type + " " + op, Map.of("db.system.name", type,
                    "db.operation.name", op, "northstar.resource_kind", kind)));
            try (Telemetry.Span s = telemetry.span(span.getKey(), span.getValue())) {
                try {
                    R result = work.get();
                    telemetry.backendCall(type, kind, operation, "ok", System.nanoTime() - start);
                    return result;
                } catch (RuntimeException e) {
                    s.failed(e);
                    telemetry.backendCall(type, kind, operation, e instanceof StoreException se
                            ? se.code().name().toLowerCase(java.util.Locale.ROOT) : "internal", System.nanoTime() - start);
                    throw e;
                }
            }
        }
    }

    private abstract static class Delegate<T extends Backend> implements Backend {
        final T real;
        final Calls calls;

        Delegate(T real, Calls calls) {
            this.real = real;
            this.calls = calls;
        }

        @Override
        public String backendType() {
            return real.backendType();
        }

        @Override
        public boolean labOnly() {
            return real.labOnly();
        }

        @Override
        public boolean waitsWithinCallerDeadline() {
            return real.waitsWithinCallerDeadline(); // the span's timing waits for nothing
        }

        @Override
        public void probe() {
            real.probe();
        }

        @Override
        public void close() {
            real.close();
        }
    }

    private static final class Analytics extends Delegate<AnalyticsStore> implements AnalyticsStore {
        Analytics(AnalyticsStore real, Calls calls) {
            super(real, calls);
        }

        @Override
        public List<IngestResult> ingest(northstar.domain.analytics.EventBatch<AnalyticsRecord> batch) {
            return calls.call("ingest", () -> real.ingest(batch));
        }

        @Override
        public Optional<AnalyticsRecord> get(String tenantId, String analyticsId) {
            return calls.call("get", () -> real.get(tenantId, analyticsId));
        }

        @Override
        public Page<AnalyticsRecord> query(String tenantId, ProjectScope projects, AnalyticsQuery query) {
            return calls.call("query", () -> real.query(tenantId, projects, query));
        }

        @Override
        public Page<AnalyticsRecord> queryByRun(String tenantId, ProjectScope projects, String runId, PageRequest page) {
            return calls.call("query_by_run", () -> real.queryByRun(tenantId, projects, runId, page));
        }
    }

    private static final class Tabular extends Delegate<TabularStore> implements TabularStore {
        Tabular(TabularStore real, Calls calls) {
            super(real, calls);
        }

        @Override
        public Optional<TabularItem> get(TabularKey key) {
            return calls.call("get", () -> real.get(key));
        }

        @Override
        public TabularItem put(TabularKey key, Map<String, Object> attributes, WriteCondition condition) {
            return calls.call("put", () -> real.put(key, attributes, condition));
        }

        @Override
        public boolean delete(TabularKey key, WriteCondition condition) {
            return calls.call("delete", () -> real.delete(key, condition));
        }

        @Override
        public Page<TabularItem> list(northstar.domain.tabular.TableRef table, String keyPrefix, PageRequest page) {
            return calls.call("list", () -> real.list(table, keyPrefix, page));
        }

        @Override
        public TabularItem increment(TabularKey key, String field, double amount, String ceilingField,
                                     Map<String, Object> alsoSet, String unlessPresent, Set<String> alsoRemove) {
            return calls.call("increment", () -> real.increment(key, field, amount, ceilingField, alsoSet, unlessPresent,
                    alsoRemove));
        }
    }

    private static final class Objects extends Delegate<ObjectStore> implements ObjectStore {
        private final Telemetry telemetry;

        Objects(ObjectStore real, Calls calls, Telemetry telemetry) {
            super(real, calls);
            this.telemetry = telemetry;
        }

        @Override
        public ObjectInfo put(ObjectNamespace namespace, ObjectKey key, InputStream body, PutOptions options) {
            ObjectInfo info = calls.call("put", () -> real.put(namespace, key, body, options));
            telemetry.objectBytes("in", info.size());
            return info;
        }

        @Override
        public ObjectContent get(ObjectNamespace namespace, ObjectKey key) {
            ObjectContent content = calls.call("get", () -> real.get(namespace, key));
            telemetry.objectBytes("out", content.info().size());
            return content;
        }

        @Override
        public Optional<ObjectInfo> head(ObjectNamespace namespace, ObjectKey key) {
            return calls.call("head", () -> real.head(namespace, key));
        }

        @Override
        public boolean delete(ObjectNamespace namespace, ObjectKey key) {
            return calls.call("delete", () -> real.delete(namespace, key));
        }

        @Override
        public Page<ObjectInfo> list(ObjectNamespace namespace, String prefix, PageRequest page) {
            return calls.call("list", () -> real.list(namespace, prefix, page));
        }

        @Override
        public PresignedRequest presignPut(ObjectNamespace namespace, ObjectKey key,
                                           northstar.domain.objects.PresignTtl ttl, PresignOptions options) {
            return calls.call("presign_put", () -> real.presignPut(namespace, key, ttl, options));
        }

        @Override
        public Set<PresignOptions.Binding> presignBinds() {
            return real.presignBinds();
        }

        @Override
        public String objectRef(ObjectNamespace namespace, ObjectKey key) {
            return real.objectRef(namespace, key);
        }
    }
}
