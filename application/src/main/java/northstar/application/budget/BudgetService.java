package northstar.application.budget;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import northstar.application.Paging;
import northstar.application.routing.StoreRouter;
import northstar.domain.ErrorCode;
import northstar.domain.Identifiers;
import northstar.domain.RequestContext;
import northstar.domain.Retry;
import northstar.domain.StoreException;
import northstar.domain.analytics.UsageReport;
import northstar.domain.budget.BudgetExceeded;
import northstar.domain.budget.BudgetUsageRecord;
import northstar.domain.tabular.TabularItem;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TabularStore;
import northstar.domain.tabular.WriteCondition;

/**
 * Usage per provider and metric for a tenant's project, with a soft limit (warn) and a hard limit
 * (block). Increments are one atomic, ceiling-checked store operation: with any number of
 * concurrent callers none is lost and the hard limit is never passed. An increment that would pass
 * it is refused whole ({@link BudgetExceeded}) and changes nothing.
 */
public final class BudgetService {
    private static final System.Logger LOG = System.getLogger(BudgetService.class.getName());
    private static final int MAX_METRICS = 1000;
    private static final int MAX_SETTLED_PER_BUDGET = 10_000;

    private final StoreRouter router;
    private final Clock clock;
    private final SoftLimitListener softLimitListener;
    private final ConcurrentMap<TabularKey, Queue<String>> settledTokens = new ConcurrentHashMap<>();

    /** Told when an increment crosses a soft limit (analytics records a warning event). */
    @FunctionalInterface
    public interface SoftLimitListener {
        void softLimitCrossed(RequestContext ctx, BudgetUsageRecord record, double amount);
    }

    public BudgetService(StoreRouter router, Clock clock, SoftLimitListener softLimitListener) {
        this.router = router;
        this.clock = clock;
        this.softLimitListener = softLimitListener;
    }

    /** Sets (or clears, with null) the limits of a metric, keeping its usage. */
    public BudgetUsageRecord setLimits(RequestContext ctx, String provider, String metric, Double softLimit,
                                       Double hardLimit) {
        BudgetUsageRecord.checkLimits(softLimit, hardLimit);
        TabularStore store = router.tabular(ctx).store();
        TabularKey key = key(ctx, provider, metric);
        return Retry.untilWon(Retry.CONFLICTS, () -> {
            Optional<TabularItem> current = store.get(key);
            Instant now = clock.instant();
            BudgetUsageRecord next = current.map(BudgetMapping::fromItem)
                    .map(r -> new BudgetUsageRecord(r.tenantId(), r.projectId(), r.provider(), r.metric(), r.usage(),
                            softLimit, hardLimit, r.createdAt(), now))
                    .orElseGet(() -> new BudgetUsageRecord(ctx.tenantId(), ctx.projectId(), provider, metric, 0,
                            softLimit, hardLimit, now, now));
            Map<String, Object> attributes = new java.util.LinkedHashMap<>(BudgetMapping.toAttributes(next));
            // the tokens of applied increments stay: a retry after new limits must still be a replay
            current.ifPresent(i -> i.attributes().forEach((k, v) -> {
                if (k.startsWith(UsageToken.PREFIX)) {
                    attributes.putIfAbsent(k, v);
                }
            }));
            try {
                store.put(key, attributes,
                        current.map(i -> WriteCondition.ifVersion(i.version())).orElse(WriteCondition.IF_ABSENT));
                return Optional.of(next);
            } catch (StoreException e) {
                if (e.code() != ErrorCode.ALREADY_EXISTS && e.code() != ErrorCode.FAILED_PRECONDITION) {
                    throw e;
                }
                return Optional.<BudgetUsageRecord>empty(); // an increment or another update came first: read again
            }
        }, () -> new StoreException(ErrorCode.UNAVAILABLE, "budget " + provider + "/" + metric
                + " is being changed concurrently; retry"));
    }

    /** Adds usage; refuses (changing nothing) when the hard limit would be passed. */
    public UsageOutcome recordUsage(RequestContext ctx, String provider, String metric, double amount) {
        return recordUsage(ctx, provider, metric, amount, UsageToken.forCall());
    }

    /**
     * Adds usage once per token: a repeat of the token (a retry, a replay, another instance) changes
     * nothing and answers {@link UsageOutcome#replayed()}; a client's key repeated with another amount
     * is ALREADY_EXISTS. Refuses (changing nothing) when the hard limit would be passed; a refused
     * increment records no token, so its retry is decided again.
     */
    public UsageOutcome recordUsage(RequestContext ctx, String provider, String metric, double amount,
                                    UsageToken token) {
        UsageReport.requireAmount("amount", amount);
        TabularStore store = router.tabular(ctx).store();
        TabularKey key = key(ctx, provider, metric);
        TabularItem current = existing(store, ctx, key, provider, metric);
        if (current.attributes().containsKey(token.attribute())) {
            return replay(current, token, amount);
        }
        Instant now = clock.instant();
        TabularItem item;
        try {
            item = store.increment(key, BudgetMapping.USAGE, amount, BudgetMapping.HARD_LIMIT,
                    Map.of("updated_at", now.toString(), token.attribute(), token.value(amount, now)), token.attribute(),
                    prunable(key, current, token, now));
        } catch (StoreException e) {
            if (e.code() == ErrorCode.ALREADY_EXISTS) {
                // applied by an earlier attempt carrying the same token (the SDK's retry, a replay, a peer)
                return replay(store.get(key).orElseThrow(() -> e), token, amount);
            }
            if (e.code() == ErrorCode.FAILED_PRECONDITION) {
                router.telemetry().budgetRefused(ctx.tenantId(), provider, metric);
                throw new BudgetExceeded(provider, metric, amount, describe(store.get(key)));
            }
            throw e;
        }
        if (token.callScoped()) {
            settled(key, token); // the call is answered: its own retries are over
        }
        BudgetUsageRecord record = BudgetMapping.fromItem(item);
        double before = record.usage() - amount;
        boolean crossed = record.softLimit() != null && amount > 0 && before < record.softLimit()
                && record.usage() >= record.softLimit();
        if (crossed) {
            try {
                softLimitListener.softLimitCrossed(ctx, record, amount);
            } catch (RuntimeException e) {
                // the usage is applied and must be reported as such; the warning is best effort
                LOG.log(Level.WARNING, "soft-limit warning for " + provider + "/" + metric + " not recorded: " + e);
            }
        }
        return new UsageOutcome(record, crossed, false);
    }

    private static UsageOutcome replay(TabularItem current, UsageToken token, double amount) {
        Optional<Double> first = UsageToken.amountOf(current.attributes().get(token.attribute()));
        if (token.clientKey() && first.isPresent() && Double.compare(first.get(), amount) != 0) {
            throw new StoreException(ErrorCode.ALREADY_EXISTS, "the Idempotency-Key was used with amount "
                    + first.get() + ", not " + amount);
        }
        return new UsageOutcome(BudgetMapping.fromItem(current), false, true);
    }

    /** The design's alias of {@link #recordUsage}. */
    public UsageOutcome incrementUsage(RequestContext ctx, String provider, String metric, double amount) {
        return recordUsage(ctx, provider, metric, amount);
    }

    /**
     * Takes back usage that was charged for work that did not happen (an event that could not be
     * stored, or turned out to be a different event under a used id): once per application of the
     * charge, never ceiling-checked. The charge's token goes with it, so a later delivery of the
     * event is charged again.
     *
     * @param application names the call that applied the charge
     */
    public void refund(RequestContext ctx, String provider, String metric, double amount, UsageToken charge,
                       String application) {
        UsageReport.requireAmount("amount", amount);
        UsageToken refund = charge.refund(application);
        TabularStore store = router.tabular(ctx).store();
        TabularKey key = key(ctx, provider, metric);
        Instant now = clock.instant();
        try {
            store.increment(key, BudgetMapping.USAGE, -amount, null, Map.of("updated_at", now.toString(),
                    refund.attribute(), refund.value(amount, now)), refund.attribute(), Set.of(charge.attribute()));
        } catch (StoreException e) {
            if (e.code() != ErrorCode.ALREADY_EXISTS) {
                throw e;
            }
        }
    }

    /**
     * Says that a charge's token is no longer needed (its event is stored: the event itself now tells
     * a repeat from a first delivery), so a later increment of that budget may prune it early.
     */
    public void settled(RequestContext ctx, String provider, String metric, UsageToken token) {
        settled(key(ctx, provider, metric), token);
    }

    private void settled(TabularKey key, UsageToken token) {
        Queue<String> q = settledTokens.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>());
        if (q.size() < MAX_SETTLED_PER_BUDGET) {
            q.add(token.attribute());
        }
    }

    /** Tokens a next increment removes in its own step: settled ones first, then any whose time is up. */
    private Set<String> prunable(TabularKey key, TabularItem current, UsageToken token, Instant now) {
        Set<String> remove = new HashSet<>();
        Queue<String> settled = settledTokens.get(key);
        while (settled != null && remove.size() < TabularStore.MAX_ALSO_REMOVE) {
            String t = settled.poll();
            if (t == null) {
                break;
            }
            if (!t.equals(token.attribute())) {
                remove.add(t); // whether or not this read shows it yet: removing an absent one is a no-op
            }
        }
        for (Map.Entry<String, Object> a : current.attributes().entrySet()) {
            if (remove.size() >= TabularStore.MAX_ALSO_REMOVE) {
                break;
            }
            if (a.getKey().startsWith(UsageToken.PREFIX) && !a.getKey().equals(token.attribute())
                    && UsageToken.expired(a.getValue(), now)) {
                remove.add(a.getKey());
            }
        }
        return remove;
    }

    public Optional<BudgetUsageRecord> get(RequestContext ctx, String provider, String metric) {
        return router.tabular(ctx).store().get(key(ctx, provider, metric)).map(BudgetMapping::fromItem);
    }

    /** What amount more would do (soft limit reached, hard limit passed, what remains), changing nothing. */
    public BudgetCheck check(RequestContext ctx, String provider, String metric, double amount) {
        UsageReport.requireAmount("amount", amount);
        Optional<BudgetUsageRecord> r = get(ctx, provider, metric);
        return new BudgetCheck(provider, metric, r.map(BudgetUsageRecord::usage).orElse(0.0), amount,
                r.map(BudgetUsageRecord::softLimit).orElse(null), r.map(BudgetUsageRecord::hardLimit).orElse(null), null);
    }

    /** True when usage has reached the soft limit (time to warn). */
    public boolean checkSoftLimit(RequestContext ctx, String provider, String metric) {
        return get(ctx, provider, metric).map(BudgetUsageRecord::softExceeded).orElse(false);
    }

    /** True when usage has reached the hard limit (further usage is blocked). */
    public boolean checkHardLimit(RequestContext ctx, String provider, String metric) {
        return get(ctx, provider, metric).map(BudgetUsageRecord::hardExceeded).orElse(false);
    }

    /** Every metric of a provider for the caller's project, by metric. */
    public List<BudgetUsageRecord> listProviderUsage(RequestContext ctx, String provider) {
        Identifiers.name("provider", provider);
        TabularStore store = router.tabular(ctx).store();
        String prefix = BudgetMapping.providerPrefix(ctx.projectId(), provider);
        return Paging.all(page -> store.list(new northstar.domain.tabular.TableRef(ctx.tenantId(), BudgetMapping.TABLE), prefix, page), MAX_METRICS)
                .stream().map(BudgetMapping::fromItem).toList();
    }

    private static TabularKey key(RequestContext ctx, String provider, String metric) {
        Identifiers.name("provider", provider);
        Identifiers.name("metric", metric);
        return BudgetMapping.key(ctx.tenantId(), ctx.projectId(), provider, metric);
    }

    /** The budget's item, created at zero usage (and no limits) when it is not there yet. */
    private TabularItem existing(TabularStore store, RequestContext ctx, TabularKey key, String provider, String metric) {
        Optional<TabularItem> current = store.get(key);
        if (current.isPresent()) {
            return current.get();
        }
        Instant now = clock.instant();
        try {
            return store.put(key, BudgetMapping.toAttributes(new BudgetUsageRecord(ctx.tenantId(), ctx.projectId(),
                    provider, metric, 0, null, null, now, now)), WriteCondition.IF_ABSENT);
        } catch (StoreException e) {
            if (e.code() != ErrorCode.ALREADY_EXISTS) {
                throw e;
            }
            return store.get(key).orElseThrow(() -> e);
        }
    }

    private static String describe(Optional<TabularItem> item) {
        return item.map(BudgetMapping::fromItem).map(r -> "usage " + r.usage() + " of hard limit " + r.hardLimit())
                .orElse("");
    }
}
