package northstar.bootstrap;

import java.lang.System.Logger.Level;
import java.time.Clock;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import northstar.adapters.http.HttpApi;
import northstar.bootstrap.config.ConfigFile;
import northstar.bootstrap.logging.LogLines;
import northstar.bootstrap.config.ServiceConfig;

/** The HTTP service: Northstar opened from the configuration, and the API over it. */
public final class Service implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Service.class.getName());

    private final Northstar northstar;
    private final HttpApi api;
    private final com.sun.net.httpserver.HttpServer metricsServer;

    private Service(Northstar northstar, HttpApi api, com.sun.net.httpserver.HttpServer metricsServer) {
        this.northstar = northstar;
        this.api = api;
        this.metricsServer = metricsServer;
    }

    /** Validates everything, builds the backends, then listens. Nothing listens if anything is wrong. */
    public static Service start(ServiceConfig config) {
        return start(config, io.opentelemetry.api.GlobalOpenTelemetry.get());
    }

    /** @param openTelemetry where the spans go: the process's (its SDK or the Java agent's) unless a test says */
    public static Service start(ServiceConfig config, io.opentelemetry.api.OpenTelemetry openTelemetry) {
        LogLines.json(config.logFormat().equals("json"));
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ClassLoaderMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        Northstar northstar = Northstar.open(config, Clock.systemUTC(), new ObservedTelemetry(metrics, openTelemetry));
        com.sun.net.httpserver.HttpServer metricsServer = null;
        try {
            ConfiguredApiKeys keys = new ConfiguredApiKeys(config);
            HttpApi api = HttpApi.create(northstar.useCases(), northstar.router(), keys,
                    new HttpApi.Settings(config.host(), config.port(), config.maxJsonBodyBytes(), config.stopTimeout(),
                            config.requestDeadline(), config.limits(), metrics::scrape));
            if (config.metricsListen() != null) {
                metricsServer = metricsServer(config.metricsListen(), metrics);
            }
            HttpApi started = api.start();
            api.bindServerMetrics(metrics);
            return new Service(northstar, started, metricsServer);
        } catch (RuntimeException e) {
            if (metricsServer != null) {
                metricsServer.stop(0);
            }
            northstar.close();
            throw e;
        }
    }

    /** /metrics without a key on its own address, for a scraper on a private network; nothing else there. */
    private static com.sun.net.httpserver.HttpServer metricsServer(String listen, PrometheusMeterRegistry metrics) {
        String[] hostPort = ConfigFile.listen(listen, "config.metrics_listen");
        try {
            var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(hostPort[0],
                    Integer.parseInt(hostPort[1])), 16);
            server.createContext("/", exchange -> {
                try (exchange) {
                    boolean found = exchange.getRequestURI().getPath().equals("/metrics")
                            && exchange.getRequestMethod().equals("GET");
                    byte[] body = (found ? metrics.scrape() : "not found\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", found ? "text/plain; version=0.0.4; charset=utf-8"
                            : "text/plain; charset=utf-8");
                    exchange.sendResponseHeaders(found ? 200 : 404, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.setExecutor(java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "northstar-metrics");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot listen on metrics_listen " + listen, e);
        }
    }

    /** Where metrics_listen listens, or -1 without one. */
    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.getAddress().getPort();
    }

    public int port() {
        return api.port();
    }

    /** The routes the server serves, as "METHOD path" (what the OpenAPI document must describe). */
    public java.util.List<String> servedRoutes() {
        return api.servedRoutes();
    }

    /** Stops accepting, finishes requests in flight, then closes the backends. */
    @Override
    public void close() {
        try {
            if (metricsServer != null) {
                metricsServer.stop(0);
            }
            api.close();
        } finally {
            northstar.close();
            LOG.log(Level.INFO, "stopped");
        }
    }
}
