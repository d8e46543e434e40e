package northstar.application.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import northstar.application.attribution.AttributionService;
import northstar.application.budget.BudgetService;
import northstar.application.insight.Rollups;
import northstar.application.routing.StoreRouter;
import northstar.domain.Identifiers;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.ProjectScope;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.analytics.AcceptedEvent;
import northstar.domain.analytics.AnalyticsQuery;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.analytics.EventBatch;
import northstar.domain.analytics.IngestJournal;

/**
 * Ingest and queries of agent analytics events.
 *
 * <p>Ingest runs the {@link GateChain}, then stores every event, whatever the gates said: a refused
 * event is stored with status gatechainerror and an error_message naming the gate and the reason,
 * and the caller receives the typed {@link northstar.domain.analytics.GateRejected} carrying its
 * analytics_id. Ingest is idempotent on the analytics_id: a retry of the same event (with or without
 * its own timestamp) returns the same id and outcome and stores and charges nothing twice; a
 * different event under a used id is refused with ALREADY_EXISTS. With an ingest journal, an event
 * whose backends fail or do not answer within the ingest deadline is journaled and answered pending
 * ({@link DurableIngest}); it is never lost.
 */
public final class AnalyticsService {
    private final StoreRouter router;
    private final DurableIngest ingest;
    private final Clock clock;
    private final Supplier<String> ids;

    /**
     * @param journal  where events go when their backends fail or are slow, or null for none
     * @param deadline how long an ingest waits for its backends before it journals
     * @param rollups  the counters every newly stored event adds to
     */
    public AnalyticsService(StoreRouter router, AttributionService attribution, BudgetService budgets, Clock clock,
                            Supplier<String> ids, IngestJournal journal, Duration deadline, Rollups rollups) {
        this.router = router;
        this.ingest = new DurableIngest(new EventDelivery(router, new GateChain(attribution, budgets), budgets, rollups),
                router, journal, deadline, rollups);
        this.clock = clock;
        this.ids = ids;
    }

    /** The journaled ingest, for the forwarder that bootstrap starts beside it. */
    public DurableIngest durableIngest() {
        return ingest;
    }

    /** Ingests one event; a gate refusal or an id conflict is thrown after the event is stored. */
    public IngestReceipt ingest(RequestContext ctx, NewEvent event) {
        BatchItemResult result = ingestBatch(ctx, List.of(event)).getFirst();
        if (!result.ok()) {
            throw result.error();
        }
        return result.receipt();
    }

    /**
     * Ingests up to {@link AnalyticsStore#MAX_BATCH} events in one store call, with one result per
     * event in input order. A failing backend fails the whole call, or journals it (all pending);
     * gate refusals and id conflicts are per event.
     */
    public List<BatchItemResult> ingestBatch(RequestContext ctx, List<NewEvent> events) {
        return ingestBatch(ctx, EventBatch.of(events));
    }

    /** As {@link #ingestBatch(RequestContext, List)}, of a batch already bounded. */
    public List<BatchItemResult> ingestBatch(RequestContext ctx, EventBatch<NewEvent> batch) {
        List<NewEvent> events = batch.events();
        router.analytics(ctx); // a missing route is a hard failure before anything is accepted
        Instant now = clock.instant();
        List<AcceptedEvent> accepted = events.stream().map(e -> new AcceptedEvent(toRecord(ctx, e, now),
                e.timestamp() == null, e.dimensions().requestId() == null && ctx.requestId() != null)).toList();
        List<BatchItemResult> results;
        try {
            results = ingest.accept(ctx, accepted);
        } catch (RuntimeException e) {
            for (int i = 0; i < accepted.size(); i++) {
                router.telemetry().ingested(ctx.tenantId(), "failed");
            }
            throw e;
        }
        for (BatchItemResult r : results) {
            router.telemetry().ingested(ctx.tenantId(), outcome(r));
        }
        return results;
    }

    /** An event's outcome as metrics count it: stored, replayed, journaled, error, gatechainerror or refused. */
    private static String outcome(BatchItemResult r) {
        if (!r.ok()) {
            return r.error() instanceof northstar.domain.analytics.GateRejected ? "gatechainerror" : "refused";
        }
        IngestReceipt receipt = r.receipt();
        if (receipt.pending()) {
            return "journaled";
        }
        if (receipt.replayed()) {
            return "replayed";
        }
        return receipt.status() == northstar.domain.analytics.EventStatus.SUCCESS ? "stored"
                : receipt.status().wireName();
    }

    /** The record of an event; one that names no request_id takes its request's (X-Request-Id, or the caller's). */
    private AnalyticsRecord toRecord(RequestContext ctx, NewEvent e, Instant now) {
        Dimensions dims = e.dimensions().requestId() == null && ctx.requestId() != null
                ? e.dimensions().withRequestId(ctx.requestId()) : e.dimensions();
        return new AnalyticsRecord(e.analyticsId() != null ? e.analyticsId() : ids.get(), ctx.tenantId(), ctx.mode(),
                ctx.projectId(), dims, e.utm(), e.payload(), e.usage(), e.status(), e.errorMessage(),
                e.timestamp() != null ? e.timestamp() : now, now);
    }

    /** An event of the caller's project, stored or else held in the journal (then {@link EventView#pending()}). */
    public EventView find(RequestContext ctx, String analyticsId) {
        return find(ctx, ProjectScope.of(ctx), analyticsId);
    }

    /**
     * An event of the caller's tenant within these projects, stored or else held in the journal; an
     * event of another project is NOT_FOUND, as if it did not exist.
     */
    public EventView find(RequestContext ctx, ProjectScope projects, String analyticsId) {
        Identifiers.id("analytics_id", analyticsId);
        if (ingest.journal() != null) {
            var pending = ingest.journal().pending(ctx.tenantId(), analyticsId);
            if (pending.isPresent()) {
                if (!projects.covers(pending.get().record().projectId())) {
                    throw StoreException.notFound("event " + analyticsId);
                }
                return new EventView(pending.get().record(), true);
            }
        }
        return new EventView(get(ctx, projects, analyticsId), false);
    }

    /** What the ingest journal holds: entries not yet delivered, bytes on disk and the bound. */
    public record JournalStats(int pendingEntries, long bytes, long maxBytes) {
    }

    /** The journal's figures, or empty when this process has no journal. */
    public java.util.Optional<JournalStats> journalStats() {
        IngestJournal j = ingest.journal();
        return j == null ? java.util.Optional.empty()
                : java.util.Optional.of(new JournalStats(j.size(), j.bytes(), j.maxBytes()));
    }

    /** An event, and whether it still waits in the journal for its store. */
    public record EventView(AnalyticsRecord record, boolean pending) {
    }

    /** A stored event of the caller's project. */
    public AnalyticsRecord get(RequestContext ctx, String analyticsId) {
        return get(ctx, ProjectScope.of(ctx), analyticsId);
    }

    /** A stored event of the caller's tenant within these projects (another project's: NOT_FOUND). */
    public AnalyticsRecord get(RequestContext ctx, ProjectScope projects, String analyticsId) {
        Identifiers.id("analytics_id", analyticsId);
        return router.analytics(ctx).store().get(ctx.tenantId(), analyticsId)
                .filter(r -> projects.covers(r.projectId()))
                .orElseThrow(() -> StoreException.notFound("event " + analyticsId));
    }

    /** The events of the caller's project in [start, end), by timestamp then id, filtered by app and platform. */
    public Page<AnalyticsRecord> query(RequestContext ctx, AnalyticsQuery query) {
        return query(ctx, ProjectScope.of(ctx), query);
    }

    /** The same over these projects of the caller's tenant ({@link ProjectScope#ALL}: all of them). */
    public Page<AnalyticsRecord> query(RequestContext ctx, ProjectScope projects, AnalyticsQuery query) {
        return router.analytics(ctx).store().query(ctx.tenantId(), projects, query);
    }

    /** The events of a run of the caller's project in step order (step_2 before step_10), then timestamp and id. */
    public Page<AnalyticsRecord> eventsOfRun(RequestContext ctx, String runId, PageRequest page) {
        return eventsOfRun(ctx, ProjectScope.of(ctx), runId, page);
    }

    /** The same over these projects of the caller's tenant. */
    public Page<AnalyticsRecord> eventsOfRun(RequestContext ctx, ProjectScope projects, String runId, PageRequest page) {
        Identifiers.id("run_id", runId);
        return router.analytics(ctx).store().queryByRun(ctx.tenantId(), projects, runId, page);
    }

    /**
     * What happened in a run: its steps in order with their status, span, errors and the refusing
     * gate, and its usage totals; read from its events (at most {@link RunSummary#MAX_EVENTS}: past
     * that the summary says it is truncated). A run with no events is NOT_FOUND.
     */
    public RunSummary summarizeRun(RequestContext ctx, ProjectScope projects, String runId) {
        Identifiers.id("run_id", runId);
        List<AnalyticsRecord> events = new java.util.ArrayList<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        boolean more = true;
        while (more && events.size() < RunSummary.MAX_EVENTS) {
            Page<AnalyticsRecord> p = router.analytics(ctx).store().queryByRun(ctx.tenantId(), projects, runId, page);
            events.addAll(p.items());
            more = p.nextCursor().isPresent();
            page = more ? page.next(p.nextCursor().get()) : page;
        }
        if (events.isEmpty()) {
            throw StoreException.notFound("run " + runId);
        }
        boolean truncated = more || events.size() > RunSummary.MAX_EVENTS;
        return RunSummary.of(runId, truncated ? events.subList(0, Math.min(events.size(), RunSummary.MAX_EVENTS)) : events,
                truncated);
    }
}
