package northstar.adapters.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import northstar.adapters.http.wire.OpsViews;
import northstar.application.analytics.AnalyticsService;
import northstar.application.routing.StoreRouter;
import northstar.domain.Backend;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.domain.routing.Route;

/** /healthz, /readyz, /v1/routes and /openapi.json. */
final class OpsHandlers {
    static final Duration PROBE_DEADLINE = Duration.ofMillis(1500);
    private static final Executor PROBES = Executors.newVirtualThreadPerTaskExecutor();

    private final StoreRouter router;
    private final AnalyticsService analytics;
    private final byte[] openApi;

    OpsHandlers(StoreRouter router, AnalyticsService analytics) {
        this.router = router;
        this.analytics = analytics;
        try (InputStream in = OpsHandlers.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the HTTP module");
            }
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void health(Context ctx) {
        Json.write(ctx, 200, new OpsViews.Health("ok"));
    }

    /**
     * Every routed backend answers its probe, or 503 naming each one that does not. The probes run at
     * once, each on its own virtual thread, and the answer comes within {@link #PROBE_DEADLINE}
     * whatever the backends do: a probe still running then counts as failed (and is left to end on its
     * own deadline, never waited for).
     */
    void ready(Context ctx) {
        Map<Route, Backend> all = router.backends();
        Map<Route, CompletableFuture<Void>> probes = new LinkedHashMap<>();
        all.forEach((route, backend) -> probes.put(route, CompletableFuture.runAsync(backend::probe, PROBES)));
        long until = System.nanoTime() + PROBE_DEADLINE.toNanos();
        List<OpsViews.BackendReadiness> backends = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        for (Map.Entry<Route, CompletableFuture<Void>> e : probes.entrySet()) {
            String why = outcome(e.getValue(), until);
            if (why != null) {
                failing.add(e.getKey().describe() + " " + why);
            }
            backends.add(new OpsViews.BackendReadiness(e.getKey().resourceKind().wireName(), e.getKey().backendType(),
                    why == null, why));
        }
        if (!failing.isEmpty()) {
            throw new StoreException(ErrorCode.UNAVAILABLE, "northstar", "not ready: " + String.join("; ", failing), true,
                    null);
        }
        Json.write(ctx, 200, new OpsViews.Ready("ready", backends));
    }

    /** Null when the probe answered in time, else why not. */
    private static String outcome(CompletableFuture<Void> probe, long until) {
        try {
            probe.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (TimeoutException e) {
            return "did not answer within " + PROBE_DEADLINE.toMillis() + " ms";
        } catch (ExecutionException e) {
            return "failed its probe" + (e.getCause() instanceof StoreException s ? " (" + s.code() + ")" : "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "was interrupted";
        }
    }

    /** Who the key speaks for: the cheapest authenticated call (and a client's way to check its key). */
    void whoami(Context ctx) {
        Principal p = Auth.principal(ctx);
        Json.write(ctx, 200, new OpsViews.WhoAmI(p.tenantId(), p.mode().wireName(), p.env(), p.projectId(), p.admin()));
    }

    /** The ingest journal's figures (admin keys): what waits for a backend, and how full it is. */
    void journal(Context ctx) {
        if (!Auth.principal(ctx).admin()) {
            throw new StoreException(ErrorCode.PERMISSION_DENIED, "the journal is shown to admin keys only");
        }
        var stats = analytics.journalStats().orElseThrow(() -> StoreException.notFound("ingest journal"));
        Json.write(ctx, 200, new OpsViews.Journal(stats.pendingEntries(), stats.bytes(), stats.maxBytes()));
    }

    /** The metrics in Prometheus text format (admin keys; the separate metrics_listen address needs none). */
    static void metrics(Context ctx, java.util.function.Supplier<String> scrape) {
        if (!Auth.principal(ctx).admin()) {
            throw new StoreException(ErrorCode.PERMISSION_DENIED, "the metrics are shown to admin keys only");
        }
        if (scrape == null) {
            throw StoreException.notFound("metrics (this process was started without a meter registry)");
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(scrape.get());
    }

    void routes(Context ctx) {
        if (!Auth.principal(ctx).admin()) {
            throw new StoreException(ErrorCode.PERMISSION_DENIED, "the routes are shown to admin keys only");
        }
        List<OpsViews.RouteView> out = new ArrayList<>();
        router.table().defaults().values().forEach(r -> out.add(view(r, null)));
        for (String tenant : router.table().tenantsWithRoutes()) {
            router.table().tenantRoutes(tenant).values().forEach(r -> out.add(view(r, tenant)));
        }
        out.sort(java.util.Comparator.comparing((OpsViews.RouteView v) -> String.valueOf(v.tenantId()))
                .thenComparing(OpsViews.RouteView::resourceKind));
        Json.write(ctx, 200, new OpsViews.Routes(out));
    }

    private static OpsViews.RouteView view(Route r, String tenant) {
        return new OpsViews.RouteView(tenant, r.resourceKind().wireName(), r.backendType(), r.redactedConfig());
    }

    void openApi(Context ctx) {
        ctx.status(200).contentType(Json.CONTENT_TYPE).result(openApi);
    }
}
