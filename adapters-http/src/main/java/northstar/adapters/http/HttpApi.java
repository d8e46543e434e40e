package northstar.adapters.http;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import northstar.application.UseCases;
import northstar.application.routing.StoreRouter;
import northstar.domain.StoreException;
import northstar.domain.Telemetry;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The HTTP API: one flat route table over the use cases, Javalin on virtual threads, JSON in
 * snake_case, errors as RFC 9457 problems. Every /v1 and /raw route needs a Bearer API key; the
 * presigned-upload route needs its signature instead; health, readiness and the OpenAPI document
 * are open.
 */
public final class HttpApi implements AutoCloseable {
    /**
     * Listening address and limits.
     *
     * @param requestDeadline how long a JSON request may take, its body included, before it answers 503
     */
    /**
     * @param metrics the metrics in Prometheus text format, served at /metrics to admin keys; null: no
     *                /metrics (404)
     */
    public record Settings(String host, int port, long maxJsonBodyBytes, Duration stopTimeout, Duration requestDeadline,
                           Limits limits, java.util.function.Supplier<String> metrics) {
        public Settings {
            limits = limits == null ? Limits.DEFAULTS : limits;
        }

        public Settings(String host, int port, long maxJsonBodyBytes, Duration stopTimeout, Duration requestDeadline,
                        Limits limits) {
            this(host, port, maxJsonBodyBytes, stopTimeout, requestDeadline, limits, null);
        }

        public Settings(String host, int port, long maxJsonBodyBytes, Duration stopTimeout, Duration requestDeadline) {
            this(host, port, maxJsonBodyBytes, stopTimeout, requestDeadline, Limits.DEFAULTS);
        }

        public Settings(String host, int port, long maxJsonBodyBytes, Duration stopTimeout) {
            this(host, port, maxJsonBodyBytes, stopTimeout, Duration.ofSeconds(10), Limits.DEFAULTS);
        }
    }

    /**
     * What one client can hold of the service, whoever it is.
     *
     * @param maxUploads          uploads in progress at once, all tenants together (more: 503 + Retry-After)
     * @param maxUploadsPerTenant uploads in progress at once per tenant (more: 429 + Retry-After); a
     *                            presigned URL takes one upload at a time
     * @param minBytesPerSecond   the slowest a request body may arrive, averaged over each rate window
     * @param rateWindow          the window of that average: how long a body may stall
     * @param headerTimeout       how long a request's line and headers may take to arrive
     * @param idleTimeout         how long a connection may stay silent
     */
    public record Limits(int maxUploads, int maxUploadsPerTenant, long minBytesPerSecond, Duration rateWindow,
                         Duration headerTimeout, Duration idleTimeout) {
        public static final Limits DEFAULTS = new Limits(32, 8, 1024, Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(30));
    }

    /** One route of the table, with the query parameters it takes; the OpenAPI test compares these with the document. */
    public record RouteSpec(HandlerType method, String path, Handler handler, java.util.Set<String> query) {
        public RouteSpec {
            query = java.util.Set.copyOf(query);
        }

        public RouteSpec(HandlerType method, String path, Handler handler) {
            this(method, path, handler, java.util.Set.of());
        }
    }

    private static final java.util.Set<String> PAGE = java.util.Set.of("limit", "cursor");
    /** Reads that an admin key may widen to all projects of its tenant (project=*). */
    private static final java.util.Set<String> PROJECT = java.util.Set.of("project");

    private static java.util.Set<String> page(String... more) {
        java.util.Set<String> all = new java.util.HashSet<>(PAGE);
        all.addAll(List.of(more));
        return all;
    }

    private final Javalin app;
    private final List<RouteSpec> routes;
    private final SlowClients slow;

    private HttpApi(Javalin app, List<RouteSpec> routes, SlowClients slow) {
        this.app = app;
        this.routes = routes;
        this.slow = slow;
    }

    public static HttpApi create(UseCases useCases, StoreRouter router, ApiKeys keys, Settings settings) {
        long maxJson = settings.maxJsonBodyBytes();
        Auth auth = new Auth(keys);
        var deadline = new RequestDeadline(settings.requestDeadline(), router.telemetry());
        Limits limits = settings.limits();
        SlowClients slow = new SlowClients(limits.headerTimeout(), limits.minBytesPerSecond(), limits.rateWindow());
        Uploads uploads = new Uploads(limits.maxUploads(), limits.maxUploadsPerTenant(), slow);
        var analytics = new AnalyticsHandlers(useCases.analytics(), maxJson, deadline);
        var insight = new InsightHandlers(useCases.insight(), deadline);
        var attribution = new AttributionHandlers(useCases.attribution(), maxJson);
        var budgets = new BudgetHandlers(useCases.budgets(), maxJson, deadline);
        var media = new MediaHandlers(useCases.media(), uploads);
        var objects = new ObjectHandlers(useCases.objects(), keys, maxJson, uploads);
        var raw = new RawHandlers(useCases.objects(), uploads);
        var ops = new OpsHandlers(router, useCases.analytics());
        List<RouteSpec> table = List.of(
                new RouteSpec(HandlerType.GET, "/healthz", ops::health),
                new RouteSpec(HandlerType.GET, "/readyz", ops::ready),
                new RouteSpec(HandlerType.GET, "/openapi.json", ops::openApi),
                new RouteSpec(HandlerType.GET, "/docs", DocsHandlers::page),
                new RouteSpec(HandlerType.GET, "/docs/{asset}", DocsHandlers::asset),
                new RouteSpec(HandlerType.GET, "/console", ConsoleHandlers::page,
                        java.util.Set.of("from", "to", "run", "session", "provider")),
                new RouteSpec(HandlerType.GET, "/console/{asset}", ConsoleHandlers::asset),
                new RouteSpec(HandlerType.GET, "/v1/routes", ops::routes),
                new RouteSpec(HandlerType.GET, "/v1/ops/journal", ops::journal),
                new RouteSpec(HandlerType.GET, "/v1/whoami", ops::whoami),
                new RouteSpec(HandlerType.GET, "/metrics", ctx -> OpsHandlers.metrics(ctx, settings.metrics())),

                new RouteSpec(HandlerType.POST, "/v1/analytics/events", analytics::ingest),
                new RouteSpec(HandlerType.POST, "/v1/analytics/events:batch", analytics::ingestBatch),
                new RouteSpec(HandlerType.GET, "/v1/analytics/events", analytics::query,
                        page("start", "end", "app", "platform", "project")),
                new RouteSpec(HandlerType.GET, "/v1/analytics/events/{analytics_id}", analytics::one, PROJECT),
                new RouteSpec(HandlerType.GET, "/v1/analytics/runs/{run_id}/events", analytics::run, page("project")),
                new RouteSpec(HandlerType.GET, "/v1/analytics/runs/{run_id}/summary", analytics::runSummary, PROJECT),
                new RouteSpec(HandlerType.GET, "/v1/analytics/report", insight::report,
                        java.util.Set.of("from", "to", "granularity", "group_by", "project")),

                new RouteSpec(HandlerType.GET, "/v1/attribution/contracts", attribution::list),
                new RouteSpec(HandlerType.PUT, "/v1/attribution/contracts/{platform}", attribution::save),
                new RouteSpec(HandlerType.GET, "/v1/attribution/contracts/{platform}", attribution::get),
                new RouteSpec(HandlerType.POST, "/v1/attribution/contracts/{platform}/validate", attribution::validate),

                new RouteSpec(HandlerType.GET, "/v1/budgets/{provider}", budgets::listProvider),
                new RouteSpec(HandlerType.PUT, "/v1/budgets/{provider}/{metric}", budgets::setLimits),
                new RouteSpec(HandlerType.GET, "/v1/budgets/{provider}/{metric}", budgets::get),
                new RouteSpec(HandlerType.POST, "/v1/budgets/{provider}/{metric}/usage", budgets::recordUsage),
                new RouteSpec(HandlerType.POST, "/v1/budgets/{provider}/{metric}/reservations", budgets::reserve),
                new RouteSpec(HandlerType.POST, "/v1/budgets/{provider}/{metric}/reservations/{id}/commit",
                        budgets::commit),
                new RouteSpec(HandlerType.DELETE, "/v1/budgets/{provider}/{metric}/reservations/{id}", budgets::release),
                new RouteSpec(HandlerType.GET, "/v1/budgets/{provider}/{metric}/check", budgets::check,
                        java.util.Set.of("amount")),

                new RouteSpec(HandlerType.POST, "/v1/media", media::store, java.util.Set.of("session_id", "user_id")),
                new RouteSpec(HandlerType.GET, "/v1/media/{media_id}", media::get, PROJECT),
                new RouteSpec(HandlerType.GET, "/v1/media/{media_id}/metadata", media::metadata, PROJECT),
                new RouteSpec(HandlerType.DELETE, "/v1/media/{media_id}", media::delete),
                new RouteSpec(HandlerType.GET, "/v1/sessions/{session_id}/media", media::listForSession,
                        page("project")),
                new RouteSpec(HandlerType.GET, "/v1/sessions/{session_id}/summary", insight::sessionSummary, PROJECT),

                new RouteSpec(HandlerType.GET, "/v1/objects", objects::list, page("prefix")),
                new RouteSpec(HandlerType.POST, "/v1/objects/presign", objects::presign),
                new RouteSpec(HandlerType.PUT, "/v1/objects/<key>", objects::put),
                new RouteSpec(HandlerType.GET, "/v1/objects/<key>", objects::get),
                new RouteSpec(HandlerType.HEAD, "/v1/objects/<key>", objects::head),
                new RouteSpec(HandlerType.DELETE, "/v1/objects/<key>", objects::delete),
                new RouteSpec(HandlerType.PUT, "/presigned/<path>", objects::presignedPut,
                        java.util.Set.of("expires", "content_type", "max_bytes", "overwrite", "signature")),

                new RouteSpec(HandlerType.PUT, "/raw/put/<key>", raw::put),
                new RouteSpec(HandlerType.GET, "/raw/get/<key>", raw::get),
                new RouteSpec(HandlerType.GET, "/raw/list", raw::list, java.util.Set.of("prefix")));

        Javalin[] created = new Javalin[1];
        Telemetry telemetry = router.telemetry();
        AccessLog accessLog = new AccessLog(telemetry, (method, path) -> {
            var entry = created[0].unsafe.internalRouter.findFirstHttpHandlerEntry(method, path);
            return entry == null ? null : entry.endpoint.path;
        });
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.concurrency.useVirtualThreads = true;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.http.prefer405over404 = true;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(settings.host());
                connector.setPort(settings.port());
                connector.setIdleTimeout(limits.idleTimeout().toMillis());
                return connector;
            });
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(settings.stopTimeout().toMillis());
                GracefulHandler graceful = new GracefulHandler();
                graceful.setHandler(server.getHandler());
                server.setHandler(graceful);
                slow.install(server);
                server.setErrorHandler(new ProblemErrorHandler());
            });
            config.requestLogger.http(accessLog::log);
            config.routes.before(Auth::assignRequestId);
            config.routes.before(ctx -> ctx.attribute(Json.BODY_WATCH, (java.util.function.UnaryOperator<java.io.InputStream>)
                    in -> slow.watch(ctx, in, settings.requestDeadline())));
            config.routes.before("/v1/*", auth::require);
            config.routes.before("/raw/*", auth::require);
            config.routes.before("/metrics", auth::require);
            for (RouteSpec r : table) {
                String name = r.method().name() + " " + r.path();
                Map<String, String> attributes = Map.of("http.request.method", r.method().name(), "http.route", r.path());
                config.routes.addHttpHandler(r.method(), r.path(), ctx -> {
                    // the use case's span: the backend calls it makes are its children
                    try (Telemetry.Span span = telemetry.span(name, attributes)) {
                        try {
                            Params.check(ctx, r.query());
                            r.handler().handle(ctx);
                        } catch (Exception e) {
                            span.failed(e);
                            throw e;
                        }
                    }
                });
            }
            config.routes.exception(StoreException.class, Problems::store);
            config.routes.exception(Exception.class, Problems::unexpected);
            // a charset the framework itself cannot read (any route we did not check first): bad input
            config.routes.exception(java.nio.charset.IllegalCharsetNameException.class, (e, ctx) -> Problems.store(
                    StoreException.invalid("Content-Type", "names a malformed charset"), ctx));
            config.routes.exception(java.nio.charset.UnsupportedCharsetException.class, (e, ctx) -> Problems.store(
                    StoreException.invalid("Content-Type", "names an unsupported charset"), ctx));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> Problems.of(ctx, e.getStatus(),
                    e.getStatus() == 404 ? "not-found" : e.getStatus() == 405 ? "method-not-allowed" : "http",
                    e.getStatus() == 404 ? "no route " + ctx.method() + " " + ctx.path() : e.getMessage()));
        });
        created[0] = app;
        return new HttpApi(app, table, slow);
    }

    public HttpApi start() {
        app.start();
        return this;
    }

    /** The port listened on (the actual one when the settings asked for port 0). */
    public int port() {
        return app.port();
    }

    /** Binds the Jetty server's thread pool metrics to a registry (after {@link #start}). */
    public void bindServerMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        new io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics(app.jettyServer().threadPool(),
                java.util.List.of()).bindTo(registry);
    }

    public List<RouteSpec> routes() {
        return routes;
    }

    /** The routes Javalin actually serves, as "METHOD path": what the OpenAPI test compares. */
    public List<String> servedRoutes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(p -> p.endpoint.method.isHttpMethod())
                .map(p -> p.endpoint.method.name() + " " + p.endpoint.path).toList();
    }

    /** Stops accepting, lets requests in flight finish (up to the stop timeout), then returns. */
    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            slow.close();
        }
    }
}
