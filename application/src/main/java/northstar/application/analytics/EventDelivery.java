package northstar.application.analytics;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import northstar.application.budget.BudgetService;
import northstar.application.insight.Rollups;
import northstar.application.routing.StoreRouter;
import northstar.domain.ErrorCode;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.analytics.AcceptedEvent;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.analytics.EventStatus;
import northstar.domain.analytics.IngestResult;

/**
 * Delivers accepted events to their store of record through the gate chain: the one path of every
 * event, whether it comes straight from a caller or later from the ingest journal. Delivery is
 * idempotent by analytics_id: an event already stored is answered from the store, and its usage is
 * charged under a token of the event, so no delivery stores or charges it twice.
 *
 * <p>A retryable failure leaves every charge in place (the event will be delivered again, and the
 * token makes that charge a replay); any other failure refunds what this call charged.
 */
final class EventDelivery {
    private static final System.Logger LOG = System.getLogger(EventDelivery.class.getName());

    private final StoreRouter router;
    private final GateChain gates;
    private final BudgetService budgets;
    private final Rollups rollups;

    EventDelivery(StoreRouter router, GateChain gates, BudgetService budgets, Rollups rollups) {
        this.router = router;
        this.gates = gates;
        this.budgets = budgets;
        this.rollups = rollups;
    }

    List<BatchItemResult> deliver(RequestContext ctx, List<AcceptedEvent> events) {
        AnalyticsStore store = router.analytics(ctx).store();
        Set<Integer> already = storedBefore(ctx, store, events);
        GateChain.Run run = gates.forCall(ctx);
        String application = UUID.randomUUID().toString();
        List<GateChain.Verdict> verdicts = new ArrayList<>(events.size());
        List<AnalyticsRecord> toStore = new ArrayList<>(events.size());
        try {
            for (int i = 0; i < events.size(); i++) {
                AnalyticsRecord candidate = events.get(i).record();
                // stored before: no gate again, but through the store anyway, which completes what an
                // earlier attempt may have left half written (an index entry) and answers Existing
                GateChain.Verdict verdict = already.contains(i) ? null : run.evaluate(candidate);
                verdicts.add(verdict);
                toStore.add(verdict == null ? candidate : verdict.apply(candidate));
            }
        } catch (RuntimeException e) {
            refundUnlessRetryable(ctx, verdicts, application, e);
            throw e;
        }
        List<IngestResult> stored;
        Rollups.Batch counting = rollups.begin(ctx, events);
        try {
            stored = store.ingest(toStore);
        } catch (RuntimeException e) {
            counting.unsure();
            refundUnlessRetryable(ctx, verdicts, application, e);
            throw e;
        }
        counting.stored(toStore, stored);
        List<BatchItemResult> results = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            results.add(outcome(ctx, i, events.get(i), verdicts.get(i), stored.get(i), application));
        }
        return results;
    }

    /**
     * Events that carry usage and may have been stored before (a retry, a replay): looked up first, so
     * that a repeat is answered from the store without touching the budget.
     */
    private static Set<Integer> storedBefore(RequestContext ctx, AnalyticsStore store, List<AcceptedEvent> events) {
        Set<Integer> found = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            AnalyticsRecord r = events.get(i).record();
            if (r.usage() != null && store.get(ctx.tenantId(), r.analyticsId()).isPresent()) {
                found.add(i);
            }
        }
        return found;
    }

    private BatchItemResult outcome(RequestContext ctx, int index, AcceptedEvent event, GateChain.Verdict verdict,
                                    IngestResult result, String application) {
        AnalyticsRecord candidate = event.record();
        AnalyticsRecord existing = result instanceof IngestResult.Existing(AnalyticsRecord r) ? r : null;
        if (existing != null) {
            boolean same = existing.sameEventAs(candidate, !event.serverTimestamp(), !event.serverRequestId());
            // created_at is this acceptance's own instant: equal means an earlier attempt of this very
            // delivery landed (the SDK's retry, a write that finished after its caller gave up)
            boolean ours = same && existing.createdAt().equals(candidate.createdAt());
            if (!same || !ours && verdict != null) {
                refund(ctx, verdict, application);
            }
            if (!same) {
                return new BatchItemResult(index, null, new StoreException(ErrorCode.ALREADY_EXISTS,
                        "analytics_id " + candidate.analyticsId() + " already names a different event"));
            }
            settle(ctx, verdict, candidate);
            if (existing.status() == EventStatus.GATECHAINERROR) {
                return new BatchItemResult(index, null, GateChain.rejectionOf(existing));
            }
            return new BatchItemResult(index, IngestReceipt.stored(existing.analyticsId(), existing.status(), !ours), null);
        }
        AnalyticsRecord record = result.record();
        settle(ctx, verdict, candidate);
        return verdict.rejection()
                .map(r -> new BatchItemResult(index, null, r.toError(record.analyticsId())))
                .orElseGet(() -> new BatchItemResult(index,
                        IngestReceipt.stored(record.analyticsId(), record.status(), false,
                                verdict.validatedBy().orElse(null)), null));
    }

    /** The event is stored: its charge's token is no longer what tells a repeat apart. */
    private void settle(RequestContext ctx, GateChain.Verdict verdict, AnalyticsRecord candidate) {
        if (verdict != null && verdict.token().isPresent() && candidate.usage() != null) {
            budgets.settled(ctx, candidate.usage().provider(), candidate.usage().metric(), verdict.token().get());
        }
    }

    private void refundUnlessRetryable(RequestContext ctx, List<GateChain.Verdict> verdicts, String application,
                                       RuntimeException failure) {
        if (failure instanceof StoreException s && s.retryable()) {
            return; // delivered again later (journal, client retry): the charge's token makes that a replay
        }
        for (GateChain.Verdict v : verdicts) {
            refund(ctx, v, application);
        }
    }

    private void refund(RequestContext ctx, GateChain.Verdict verdict, String application) {
        if (verdict == null || verdict.charged().isEmpty() || verdict.token().isEmpty()) {
            return;
        }
        var u = verdict.charged().get();
        try {
            budgets.refund(ctx, u.provider(), u.metric(), u.amount(), verdict.token().get(), application);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not refund " + u.amount() + " of " + u.provider() + "/" + u.metric() + ": " + e);
        }
    }
}
