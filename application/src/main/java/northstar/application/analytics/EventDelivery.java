package northstar.application.analytics;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import northstar.application.budget.BudgetService;
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

    EventDelivery(StoreRouter router, GateChain gates, BudgetService budgets) {
        this.router = router;
        this.gates = gates;
        this.budgets = budgets;
    }

    List<BatchItemResult> deliver(RequestContext ctx, List<AcceptedEvent> events) {
        AnalyticsStore store = router.analytics(ctx).store();
        Map<Integer, AnalyticsRecord> already = storedBefore(ctx, store, events);
        GateChain.Run run = gates.forCall(ctx);
        String application = UUID.randomUUID().toString();
        List<GateChain.Verdict> verdicts = new ArrayList<>(events.size());
        List<AnalyticsRecord> toStore = new ArrayList<>(events.size());
        List<Integer> storing = new ArrayList<>(events.size());
        try {
            for (int i = 0; i < events.size(); i++) {
                if (already.containsKey(i)) {
                    verdicts.add(null);
                    continue;
                }
                AnalyticsRecord candidate = events.get(i).record();
                GateChain.Verdict verdict = run.evaluate(candidate);
                verdicts.add(verdict);
                toStore.add(verdict.apply(candidate));
                storing.add(i);
            }
        } catch (RuntimeException e) {
            refundUnlessRetryable(ctx, verdicts, application, e);
            throw e;
        }
        List<IngestResult> stored;
        try {
            stored = toStore.isEmpty() ? List.of() : store.ingest(toStore);
        } catch (RuntimeException e) {
            refundUnlessRetryable(ctx, verdicts, application, e);
            throw e;
        }
        BatchItemResult[] results = new BatchItemResult[events.size()];
        already.forEach((i, existing) -> results[i] = outcome(ctx, i, events.get(i), null, existing, application));
        for (int j = 0; j < stored.size(); j++) {
            int i = storing.get(j);
            results[i] = outcome(ctx, i, events.get(i), verdicts.get(i), stored.get(j), application);
        }
        return List.of(results);
    }

    /**
     * Events that carry usage and may have been stored before (a retry, a replay): looked up first, so
     * that a repeat is answered from the store without touching the budget.
     */
    private static Map<Integer, AnalyticsRecord> storedBefore(RequestContext ctx, AnalyticsStore store,
                                                              List<AcceptedEvent> events) {
        Map<Integer, AnalyticsRecord> found = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            AnalyticsRecord r = events.get(i).record();
            if (r.usage() != null) {
                int index = i;
                store.get(ctx.tenantId(), r.analyticsId()).ifPresent(existing -> found.put(index, existing));
            }
        }
        return found;
    }

    private BatchItemResult outcome(RequestContext ctx, int index, AcceptedEvent event, GateChain.Verdict verdict,
                                    Object result, String application) {
        AnalyticsRecord candidate = event.record();
        AnalyticsRecord existing = result instanceof IngestResult.Existing(AnalyticsRecord r) ? r
                : result instanceof AnalyticsRecord r ? r : null;
        if (existing != null) {
            boolean same = existing.sameEventAs(candidate, !event.serverTimestamp());
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
        AnalyticsRecord record = ((IngestResult) result).record();
        settle(ctx, verdict, candidate);
        return verdict.rejection()
                .map(r -> new BatchItemResult(index, null, r.toError(record.analyticsId())))
                .orElseGet(() -> new BatchItemResult(index,
                        IngestReceipt.stored(record.analyticsId(), record.status(), false), null));
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
