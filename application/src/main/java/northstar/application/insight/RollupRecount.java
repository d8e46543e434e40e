package northstar.application.insight;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import northstar.application.routing.StoreRouter;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.ProjectScope;
import northstar.domain.RequestContext;
import northstar.domain.analytics.AnalyticsQuery;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.tabular.TableRef;
import northstar.domain.tabular.TabularItem;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TabularStore;
import northstar.domain.tabular.WriteCondition;

/**
 * Recounts the counters of one bucket from the stored events (a range query of the bucket's hour or
 * day, every project) and writes them whole, deleting counters no event supports any more. It
 * replaces what is there: it is exact when nothing else counts into the bucket meanwhile (the repair
 * at start runs before this process writes counts; {@code rollups rebuild} is for hours no instance
 * is writing to).
 */
final class RollupRecount {
    private final StoreRouter router;

    RollupRecount(StoreRouter router) {
        this.router = router;
    }

    /** Recounts a bucket from the events the filter keeps; returns the number of events counted. */
    long recount(RequestContext ctx, String bucket, Predicate<AnalyticsRecord> include) {
        RollupKeys.Kind kind = RollupKeys.Kind.ofBucket(bucket);
        java.time.Instant start = kind.start(bucket);
        RollupCounts counts = new RollupCounts();
        long events = 0;
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<AnalyticsRecord> p = router.analytics(ctx).store().query(ctx.tenantId(), ProjectScope.ALL,
                    new AnalyticsQuery(start, start.plus(1, kind.unit), Optional.empty(), Optional.empty(), page));
            for (AnalyticsRecord r : p.items()) {
                if (include.test(r)) {
                    counts.add(kind, r);
                    events++;
                }
            }
            if (p.nextCursor().isEmpty()) {
                break;
            }
            page = page.next(p.nextCursor().get());
        }
        TabularStore store = router.tabular(ctx).store();
        Set<String> stale = new HashSet<>();
        PageRequest listing = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<TabularItem> p = store.list(new TableRef(ctx.tenantId(), RollupKeys.TABLE), bucket + "/", listing);
            p.items().forEach(i -> stale.add(i.key().key()));
            if (p.nextCursor().isEmpty()) {
                break;
            }
            listing = listing.next(p.nextCursor().get());
        }
        for (Map.Entry<String, RollupCounts.Counter> e : counts.counters().entrySet()) {
            stale.remove(e.getKey());
            if (kind == RollupKeys.Kind.SESSION) {
                SessionIndex.touch(store, ctx.tenantId(), e.getValue());
            }
            store.put(new TabularKey(ctx.tenantId(), RollupKeys.TABLE, e.getKey()),
                    RollupCounts.attributes(e.getValue()), WriteCondition.NONE);
        }
        for (String key : stale) {
            store.delete(new TabularKey(ctx.tenantId(), RollupKeys.TABLE, key), WriteCondition.NONE);
        }
        return events;
    }

    /** Recounts every hour and day bucket [from, to) touches; returns the events counted (each once, in its hour). */
    long rebuild(RequestContext ctx, java.time.Instant from, java.time.Instant to) {
        if (!from.isBefore(to)) {
            throw northstar.domain.StoreException.invalid("to", "must be after from");
        }
        long events = 0;
        for (RollupKeys.Kind kind : RollupKeys.Kind.values()) {
            for (java.time.Instant t = from.truncatedTo(kind.unit); t.isBefore(to); t = t.plus(1, kind.unit)) {
                long n = recount(ctx, kind.bucket(t), r -> true);
                events += kind == RollupKeys.Kind.HOURLY ? n : 0;
            }
        }
        return events;
    }
}
