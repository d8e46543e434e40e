package northstar.application.analytics;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import northstar.application.attribution.AttributionService;
import northstar.application.budget.BudgetService;
import northstar.application.routing.StoreRouter;
import northstar.domain.ErrorCode;
import northstar.domain.Identifiers;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.analytics.AnalyticsQuery;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.analytics.IngestResult;

/**
 * Ingest and queries of agent analytics events.
 *
 * <p>Ingest runs the {@link GateChain}, then stores every event, whatever the gates said: a refused
 * event is stored with status gatechainerror and an error_message naming the gate and the reason,
 * and the caller receives the typed {@link northstar.domain.analytics.GateRejected} carrying its
 * analytics_id. Ingest is idempotent on the analytics_id: a retry of the same event returns the same
 * id and outcome and stores nothing twice (usage charged by the retry is refunded); a different
 * event under a used id is refused with ALREADY_EXISTS.
 */
public final class AnalyticsService {
    private static final System.Logger LOG = System.getLogger(AnalyticsService.class.getName());

    private final StoreRouter router;
    private final GateChain gates;
    private final BudgetService budgets;
    private final Clock clock;
    private final Supplier<String> ids;

    public AnalyticsService(StoreRouter router, AttributionService attribution, BudgetService budgets, Clock clock,
                            Supplier<String> ids) {
        this.router = router;
        this.gates = new GateChain(attribution, budgets);
        this.budgets = budgets;
        this.clock = clock;
        this.ids = ids;
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
     * event in input order. A failing backend fails the whole call (and refunds what it charged);
     * gate refusals and id conflicts are per event.
     */
    public List<BatchItemResult> ingestBatch(RequestContext ctx, List<NewEvent> events) {
        if (events.isEmpty() || events.size() > AnalyticsStore.MAX_BATCH) {
            throw StoreException.invalid("events", "must hold 1 to " + AnalyticsStore.MAX_BATCH + " events");
        }
        AnalyticsStore store = router.analytics(ctx).store();
        Instant now = clock.instant();
        List<AnalyticsRecord> candidates = events.stream().map(e -> toRecord(ctx, e, now)).toList();
        GateChain.Run run = gates.forCall(ctx);
        List<GateChain.Verdict> verdicts = new ArrayList<>(candidates.size());
        List<AnalyticsRecord> toStore = new ArrayList<>(candidates.size());
        try {
            for (AnalyticsRecord candidate : candidates) {
                GateChain.Verdict verdict = run.evaluate(candidate);
                verdicts.add(verdict);
                toStore.add(verdict.apply(candidate));
            }
        } catch (RuntimeException e) {
            refund(ctx, verdicts);
            throw e;
        }
        List<IngestResult> stored;
        try {
            stored = store.ingest(toStore);
        } catch (RuntimeException e) {
            refund(ctx, verdicts);
            throw e;
        }
        List<BatchItemResult> results = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            results.add(outcome(ctx, i, candidates.get(i), verdicts.get(i), stored.get(i)));
        }
        return results;
    }

    private BatchItemResult outcome(RequestContext ctx, int index, AnalyticsRecord candidate, GateChain.Verdict verdict,
                                    IngestResult result) {
        if (result instanceof IngestResult.Existing(AnalyticsRecord existing)) {
            refund(ctx, List.of(verdict));
            if (!existing.sameEventAs(candidate)) {
                return new BatchItemResult(index, null, new StoreException(ErrorCode.ALREADY_EXISTS,
                        "analytics_id " + candidate.analyticsId() + " already names a different event"));
            }
            if (existing.status() == northstar.domain.analytics.EventStatus.GATECHAINERROR) {
                return new BatchItemResult(index, null, GateChain.rejectionOf(existing));
            }
            return new BatchItemResult(index, new IngestReceipt(existing.analyticsId(), existing.status(), true), null);
        }
        AnalyticsRecord record = result.record();
        return verdict.rejection()
                .map(r -> new BatchItemResult(index, null, r.toError(record.analyticsId())))
                .orElseGet(() -> new BatchItemResult(index,
                        new IngestReceipt(record.analyticsId(), record.status(), false), null));
    }

    private void refund(RequestContext ctx, List<GateChain.Verdict> verdicts) {
        for (GateChain.Verdict v : verdicts) {
            v.charged().ifPresent(u -> {
                try {
                    budgets.refund(ctx, u.provider(), u.metric(), u.amount());
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "could not refund " + u.amount() + " of " + u.provider() + "/" + u.metric(), e);
                }
            });
        }
    }

    private AnalyticsRecord toRecord(RequestContext ctx, NewEvent e, Instant now) {
        return new AnalyticsRecord(e.analyticsId() != null ? e.analyticsId() : ids.get(), ctx.tenantId(), ctx.mode(),
                ctx.projectId(), e.dimensions(), e.utm(), e.payload(), e.usage(), e.status(), e.errorMessage(),
                e.timestamp() != null ? e.timestamp() : now, now);
    }

    public AnalyticsRecord get(RequestContext ctx, String analyticsId) {
        Identifiers.id("analytics_id", analyticsId);
        return router.analytics(ctx).store().get(ctx.tenantId(), analyticsId)
                .orElseThrow(() -> StoreException.notFound("event " + analyticsId));
    }

    /** The caller's events in [start, end), by timestamp then id, filtered by app and platform. */
    public Page<AnalyticsRecord> query(RequestContext ctx, AnalyticsQuery query) {
        return router.analytics(ctx).store().query(ctx.tenantId(), query);
    }

    /** The events of a run in step order (step_2 before step_10), then timestamp and id. */
    public Page<AnalyticsRecord> eventsOfRun(RequestContext ctx, String runId, PageRequest page) {
        Identifiers.id("run_id", runId);
        return router.analytics(ctx).store().queryByRun(ctx.tenantId(), runId, page);
    }
}
