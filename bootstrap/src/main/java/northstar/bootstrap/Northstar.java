package northstar.bootstrap;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import northstar.adapters.http.webhooks.HttpWebhookSender;
import northstar.adapters.persistence.journal.FileIngestJournal;
import northstar.adapters.persistence.journal.FileRollupLog;
import northstar.domain.analytics.RollupLog;
import northstar.application.alerts.AlertDispatcher;
import northstar.domain.alerts.Webhook;
import northstar.application.UseCases;
import northstar.application.analytics.IngestForwarder;
import northstar.domain.Ids;
import northstar.domain.analytics.IngestJournal;
import northstar.application.routing.BackendCatalog;
import northstar.application.routing.StoreRouter;
import northstar.bootstrap.config.ConfigFile;
import northstar.bootstrap.config.RouteDefaults;
import northstar.bootstrap.config.ServiceConfig;
import northstar.bootstrap.config.TenantConfig;
import northstar.domain.Backend;
import northstar.domain.Mode;
import northstar.domain.RequestContext;
import northstar.domain.Telemetry;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.domain.routing.RoutingTable;

/**
 * The embedding entry point: Northstar Stores in-process, as the agent monolith uses it, from the
 * same configuration file as the service but without HTTP. Opening validates everything before
 * anything serves: every tenant has a route for every kind, every backend type is known, every
 * backend config is well formed, and no saas or enterprise tenant can reach a lab-only backend (the
 * filesystem object store). Every routed adapter is built once and shared; close releases them.
 */
public final class Northstar implements AutoCloseable {
    /** How long one webhook delivery may take (connect and answer) before it counts as failed. */
    static final java.time.Duration WEBHOOK_TIMEOUT = java.time.Duration.ofSeconds(10);
    private final StoreRouter router;
    private final UseCases useCases;
    private final Map<String, TenantConfig> tenants;
    private final String env;
    private final AutoCloseable dataDirLock;
    private final IngestJournal journal;
    private final IngestForwarder forwarder;
    private final AutoCloseable alerts;

    private Northstar(StoreRouter router, UseCases useCases, List<TenantConfig> tenants, String env,
                      AutoCloseable dataDirLock, IngestJournal journal, IngestForwarder forwarder, AutoCloseable alerts) {
        this.router = router;
        this.alerts = alerts;
        this.dataDirLock = dataDirLock;
        this.journal = journal;
        this.forwarder = forwarder;
        this.useCases = useCases;
        this.tenants = tenants.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(TenantConfig::tenantId,
                t -> t));
        this.env = env;
    }

    /** Northstar from a configuration file, as the agent monolith opens it. */
    public static Northstar open(Path configFile) {
        return open(ConfigFile.read(configFile), Clock.systemUTC());
    }

    /** As {@link #open(Path)}, reporting metrics to the host's registry (spans go to its OpenTelemetry, if any). */
    public static Northstar open(Path configFile, io.micrometer.core.instrument.MeterRegistry metrics) {
        return open(ConfigFile.read(configFile), Clock.systemUTC(), new ObservedTelemetry(metrics));
    }

    public static Northstar open(ServiceConfig config, Clock clock) {
        return open(config, clock, Telemetry.NONE);
    }

    /** @param telemetry what the library reports of itself; Telemetry.NONE costs nothing */
    public static Northstar open(ServiceConfig config, Clock clock, Telemetry telemetry) {
        return open(config, BackendTypes.catalog(clock, telemetry), clock, telemetry);
    }

    public static Northstar open(ServiceConfig config, BackendCatalog catalog, Clock clock) {
        return open(config, catalog, clock, Telemetry.NONE);
    }

    /** Opens the configuration; the data_dir is this process's alone until {@link #close}. */
    public static Northstar open(ServiceConfig config, BackendCatalog catalog, Clock clock, Telemetry telemetry) {
        RoutingTable routes = RouteDefaults.complete(config);
        DataDirLock lock = DataDirLock.acquire(config.dataDir());
        StoreRouter router;
        try {
            router = build(routes, config.tenantIds(), catalog, telemetry);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        IngestJournal journal = null;
        RollupLog rollupLog = null;
        try {
            for (TenantConfig t : config.tenants()) {
                refuseLabOnlyBackends(router.table(), t, route -> router.backends().get(route).labOnly());
            }
            journal = FileIngestJournal.open(config.dataDir().resolve("journal"), config.ingest().journalMaxBytes());
            rollupLog = FileRollupLog.open(config.dataDir().resolve("rollups.log"));
        } catch (RuntimeException e) {
            if (journal != null) {
                journal.close();
            }
            router.close();
            lock.close();
            throw e;
        }
        java.util.Set<String> strict = config.tenants().stream().filter(TenantConfig::rejectUnknownUtmSources)
                .map(TenantConfig::tenantId).collect(java.util.stream.Collectors.toUnmodifiableSet());
        Map<String, List<Webhook>> webhooks = config.tenants().stream().collect(java.util.stream.Collectors
                .toUnmodifiableMap(TenantConfig::tenantId, TenantConfig::webhooks));
        Map<String, RequestContext> contexts = config.tenants().stream().collect(java.util.stream.Collectors
                .toUnmodifiableMap(TenantConfig::tenantId, t -> new RequestContext(t.tenantId(), t.mode(), config.env(),
                        t.projectId(), null, "rollups")));
        UseCases useCases = UseCases.over(router, clock, Ids::newId, journal, config.ingest().deadline(), strict::contains,
                tenant -> webhooks.getOrDefault(tenant, List.of()), rollupLog, contexts::get);
        IngestForwarder forwarder = new IngestForwarder(useCases.analytics().durableIngest(), router, clock).start();
        return new Northstar(router, useCases, config.tenants(), config.env(), lock, journal, forwarder,
                alertDeliveries(config, router, clock, webhooks));
    }

    /** Delivers the budget alerts of the tenants that name webhooks, from the outbox, every second; none without. */
    private static AutoCloseable alertDeliveries(ServiceConfig config, StoreRouter router, Clock clock,
                                                 Map<String, List<Webhook>> webhooks) {
        List<RequestContext> withHooks = config.tenants().stream().filter(t -> !t.webhooks().isEmpty())
                .map(t -> new RequestContext(t.tenantId(), t.mode(), config.env(), t.projectId(), null, null)).toList();
        if (withHooks.isEmpty()) {
            return () -> { };
        }
        HttpWebhookSender sender = new HttpWebhookSender(WEBHOOK_TIMEOUT);
        AlertDispatcher dispatcher = new AlertDispatcher(router, clock, () -> withHooks,
                tenant -> webhooks.getOrDefault(tenant, List.of()), sender).start(java.time.Duration.ofSeconds(1));
        return () -> {
            dispatcher.close();
            sender.close();
        };
    }

    /** Northstar over explicit routes, for these tenant ids (all treated alike; no guard by mode). */
    public static Northstar embedded(RoutingTable routes, Collection<String> tenants, Clock clock) {
        return embedded(routes, tenants, BackendTypes.catalog(clock), clock);
    }

    public static Northstar embedded(RoutingTable routes, Collection<String> tenants, BackendCatalog catalog,
                                     Clock clock) {
        StoreRouter router = build(routes, tenants, catalog, Telemetry.NONE);
        return new Northstar(router, UseCases.over(router, clock), List.of(), "dev", () -> { }, null, null, () -> { });
    }

    private static StoreRouter build(RoutingTable routes, Collection<String> tenantIds, BackendCatalog catalog,
                                     Telemetry telemetry) {
        StoreRouter router = new StoreRouter(routes, catalog, telemetry);
        try {
            router.requireCompleteFor(tenantIds);
            return router;
        } catch (RuntimeException e) {
            router.close();
            throw e;
        }
    }

    /** A saas or enterprise tenant may not reach a backend on local disk: the first such route is refused. */
    static void refuseLabOnlyBackends(RoutingTable table, TenantConfig t, java.util.function.Predicate<Route> labOnly) {
        if (t.mode() == Mode.LAB) {
            return;
        }
        for (ResourceKind kind : ResourceKind.values()) {
            Route route = table.require(kind, t.tenantId());
            if (labOnly.test(route)) {
                boolean own = table.tenantRoutes(t.tenantId()).containsKey(kind);
                throw new RouteConfigurationException("tenant " + t.tenantId() + " (mode " + t.mode().wireName()
                        + ") reaches the " + route.describe() + ", which serves lab mode only: set backend_type of the "
                        + kind.wireName() + " route in " + (own ? "config.tenants[" + t.tenantId() + "].routes"
                        : "config.routes") + " to a cloud backend");
            }
        }
    }

    public UseCases useCases() {
        return useCases;
    }

    public StoreRouter router() {
        return router;
    }

    /** The request context of a configured tenant, as the monolith builds it for each call. */
    public RequestContext contextFor(String tenantId, String userId, String requestId) {
        TenantConfig t = Objects.requireNonNull(tenants.get(tenantId), () -> "no tenant " + tenantId + " is configured");
        return new RequestContext(t.tenantId(), t.mode(), env, t.projectId(), userId,
                requestId != null ? requestId : UUID.randomUUID().toString());
    }

    /** The ingest journal of this data_dir, or null for an embedding over explicit routes. */
    public IngestJournal journal() {
        return journal;
    }

    /**
     * Stops delivering from the journal (what is left stays on disk for the next start), then closes
     * the backends and releases the data_dir.
     */
    @Override
    public void close() {
        try {
            try {
                alerts.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the alert deliveries", e);
            }
            if (forwarder != null) {
                forwarder.close();
            }
            useCases.close();
            if (journal != null) {
                journal.close();
            }
            router.close();
        } finally {
            try {
                dataDirLock.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot release the data_dir lock", e);
            }
        }
    }
}
