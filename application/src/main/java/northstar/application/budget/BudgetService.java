package northstar.application.budget;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import northstar.application.Paging;
import northstar.application.routing.StoreRouter;
import northstar.domain.ErrorCode;
import northstar.domain.Identifiers;
import northstar.domain.RequestContext;
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
    private static final int MAX_ATTEMPTS = 16;

    private final StoreRouter router;
    private final Clock clock;
    private final SoftLimitListener softLimitListener;

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
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<TabularItem> current = store.get(key);
            Instant now = clock.instant();
            BudgetUsageRecord next = current.map(BudgetMapping::fromItem)
                    .map(r -> new BudgetUsageRecord(r.tenantId(), r.projectId(), r.provider(), r.metric(), r.usage(),
                            softLimit, hardLimit, r.createdAt(), now))
                    .orElseGet(() -> new BudgetUsageRecord(ctx.tenantId(), ctx.projectId(), provider, metric, 0,
                            softLimit, hardLimit, now, now));
            try {
                store.put(key, BudgetMapping.toAttributes(next),
                        current.map(i -> WriteCondition.ifVersion(i.version())).orElse(WriteCondition.IF_ABSENT));
                return next;
            } catch (StoreException e) {
                if (e.code() != ErrorCode.ALREADY_EXISTS && e.code() != ErrorCode.FAILED_PRECONDITION) {
                    throw e;
                }
                // an increment or another update came first: read again (usage must not be lost)
            }
        }
        throw new StoreException(ErrorCode.UNAVAILABLE, "budget " + provider + "/" + metric
                + " is being changed concurrently; retry");
    }

    /** Adds usage; refuses (changing nothing) when the hard limit would be passed. */
    public UsageOutcome recordUsage(RequestContext ctx, String provider, String metric, double amount) {
        UsageReport.requireAmount("amount", amount);
        TabularStore store = router.tabular(ctx).store();
        TabularKey key = key(ctx, provider, metric);
        ensureExists(store, ctx, key, provider, metric);
        TabularItem item;
        try {
            item = store.increment(key, BudgetMapping.USAGE, amount, BudgetMapping.HARD_LIMIT,
                    Map.of("updated_at", clock.instant().toString()));
        } catch (StoreException e) {
            if (e.code() == ErrorCode.FAILED_PRECONDITION) {
                throw new BudgetExceeded(provider, metric, amount, describe(store.get(key)));
            }
            throw e;
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
                LOG.log(Level.WARNING, "soft-limit warning for " + provider + "/" + metric + " not recorded", e);
            }
        }
        return new UsageOutcome(record, crossed);
    }

    /** The design's alias of {@link #recordUsage}. */
    public UsageOutcome incrementUsage(RequestContext ctx, String provider, String metric, double amount) {
        return recordUsage(ctx, provider, metric, amount);
    }

    /**
     * Takes back usage that was charged for work that did not happen (an ingest whose event turned
     * out to be a retry, or could not be stored). Never ceiling-checked.
     */
    public void refund(RequestContext ctx, String provider, String metric, double amount) {
        UsageReport.requireAmount("amount", amount);
        router.tabular(ctx).store().increment(key(ctx, provider, metric), BudgetMapping.USAGE, -amount, null,
                Map.of("updated_at", clock.instant().toString()));
    }

    public Optional<BudgetUsageRecord> get(RequestContext ctx, String provider, String metric) {
        return router.tabular(ctx).store().get(key(ctx, provider, metric)).map(BudgetMapping::fromItem);
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
        return Paging.all(page -> store.list(ctx.tenantId(), BudgetMapping.TABLE, prefix, page), MAX_METRICS)
                .stream().map(BudgetMapping::fromItem).toList();
    }

    private static TabularKey key(RequestContext ctx, String provider, String metric) {
        Identifiers.name("provider", provider);
        Identifiers.name("metric", metric);
        return BudgetMapping.key(ctx.tenantId(), ctx.projectId(), provider, metric);
    }

    private void ensureExists(TabularStore store, RequestContext ctx, TabularKey key, String provider, String metric) {
        if (store.get(key).isPresent()) {
            return;
        }
        Instant now = clock.instant();
        try {
            store.put(key, BudgetMapping.toAttributes(new BudgetUsageRecord(ctx.tenantId(), ctx.projectId(), provider,
                    metric, 0, null, null, now, now)), WriteCondition.IF_ABSENT);
        } catch (StoreException e) {
            if (e.code() != ErrorCode.ALREADY_EXISTS) {
                throw e;
            }
        }
    }

    private static String describe(Optional<TabularItem> item) {
        return item.map(BudgetMapping::fromItem).map(r -> "usage " + r.usage() + " of hard limit " + r.hardLimit())
                .orElse("");
    }
}
