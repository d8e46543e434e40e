package northstar.application;

import java.time.Clock;
import java.time.Duration;
import northstar.domain.analytics.IngestJournal;
import northstar.domain.analytics.RollupLog;
import northstar.domain.RequestContext;
import northstar.application.insight.InsightService;
import northstar.application.insight.Rollups;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import northstar.application.analytics.AnalyticsService;
import northstar.application.alerts.AlertOutbox;
import northstar.application.analytics.BudgetAlertEvents;
import northstar.application.attribution.AttributionService;
import northstar.application.budget.BudgetService;
import northstar.application.media.MediaService;
import northstar.application.objects.ObjectStorageService;
import northstar.application.routing.StoreRouter;
import northstar.domain.Ids;
import northstar.domain.alerts.Webhook;

/** Every use case of Northstar Stores over one router: what the HTTP layer and the embedding monolith call. */
public record UseCases(AnalyticsService analytics, AttributionService attribution, BudgetService budgets,
                       ObjectStorageService objects, MediaService media, InsightService insight)
        implements AutoCloseable {
    /** How often the rollup counts gathered in memory are written. */
    public static final Duration ROLLUP_FLUSH = Duration.ofSeconds(1);

    public static UseCases over(StoreRouter router, Clock clock) {
        return over(router, clock, Ids::newId);
    }

    public static UseCases over(StoreRouter router, Clock clock, Supplier<String> ids) {
        return over(router, clock, ids, null, Duration.ZERO);
    }

    /**
     * @param journal        where accepted events wait while their backends fail, or null for none
     * @param ingestDeadline how long an ingest waits for its backends before it journals
     */
    public static UseCases over(StoreRouter router, Clock clock, Supplier<String> ids, IngestJournal journal,
                                Duration ingestDeadline) {
        return over(router, clock, ids, journal, ingestDeadline, tenant -> false);
    }

    /**
     * @param strictAttribution the tenants that refuse events whose utm_source no contract fixes
     *                          (by default such events are stored unvalidated)
     */
    public static UseCases over(StoreRouter router, Clock clock, Supplier<String> ids, IngestJournal journal,
                                Duration ingestDeadline, java.util.function.Predicate<String> strictAttribution) {
        return over(router, clock, ids, journal, ingestDeadline, strictAttribution, tenant -> List.of());
    }

    /**
     * @param webhooks a tenant's webhooks, which its budget alerts are delivered to (by an
     *                 {@link northstar.application.alerts.AlertDispatcher} the caller runs)
     */
    public static UseCases over(StoreRouter router, Clock clock, Supplier<String> ids, IngestJournal journal,
                                Duration ingestDeadline, java.util.function.Predicate<String> strictAttribution,
                                Function<String, List<Webhook>> webhooks) {
        return over(router, clock, ids, journal, ingestDeadline, strictAttribution, webhooks, RollupLog.NONE,
                tenant -> null);
    }

    /**
     * @param rollupLog where the buckets of counts not yet written are marked (a crash's repair)
     * @param tenants   a configured tenant's context, for the repair's routes
     */
    public static UseCases over(StoreRouter router, Clock clock, Supplier<String> ids, IngestJournal journal,
                                Duration ingestDeadline, java.util.function.Predicate<String> strictAttribution,
                                Function<String, List<Webhook>> webhooks, RollupLog rollupLog,
                                Function<String, RequestContext> tenants) {
        Rollups rollups = new Rollups(router, rollupLog, clock, tenants).start(ROLLUP_FLUSH);
        AttributionService attribution = new AttributionService(router, clock, ids, strictAttribution);
        BudgetService budgets = new BudgetService(router, clock,
                new AlertOutbox(router, webhooks, new BudgetAlertEvents(router)));
        ObjectStorageService objects = new ObjectStorageService(router);
        MediaService media = new MediaService(router, objects, clock, ids);
        return new UseCases(new AnalyticsService(router, attribution, budgets, clock, ids, journal, ingestDeadline,
                rollups), attribution, budgets, objects, media, new InsightService(router, rollups, media));
    }

    /** Stops the background work of the use cases: ingest attempts, and the rollups after a last write. */
    @Override
    public void close() {
        analytics.durableIngest().close();
    }
}
