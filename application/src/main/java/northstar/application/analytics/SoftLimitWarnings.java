package northstar.application.analytics;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import northstar.application.budget.BudgetService;
import northstar.application.routing.StoreRouter;
import northstar.domain.RequestContext;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.EventStatus;
import northstar.domain.analytics.Platform;
import northstar.domain.analytics.Utm;
import northstar.domain.budget.BudgetUsageRecord;

/**
 * Records the warning analytics event of a crossed soft limit: app northstar, surface budget,
 * payload {event: budget.soft_limit_reached, provider, metric, usage, soft_limit, amount}.
 */
public final class SoftLimitWarnings implements BudgetService.SoftLimitListener {
    public static final String EVENT = "budget.soft_limit_reached";

    private final StoreRouter router;
    private final Clock clock;
    private final Supplier<String> ids;

    public SoftLimitWarnings(StoreRouter router, Clock clock, Supplier<String> ids) {
        this.router = router;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public void softLimitCrossed(RequestContext ctx, BudgetUsageRecord record, double amount) {
        var now = clock.instant();
        Map<String, Object> payload = Map.of("event", EVENT, "provider", record.provider(), "metric", record.metric(),
                "usage", record.usage(), "soft_limit", record.softLimit(), "amount", amount);
        AnalyticsRecord warning = new AnalyticsRecord(ids.get(), ctx.tenantId(), ctx.mode(), ctx.projectId(),
                new Dimensions("northstar", "budget", Platform.API, null, ctx.requestId(), null, null), Utm.NONE,
                payload, null, EventStatus.SUCCESS, null, now, now);
        router.analytics(ctx).store().ingest(List.of(warning));
    }
}
