package northstar.application.analytics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import northstar.application.alerts.AlertOutbox;
import northstar.application.routing.StoreRouter;
import northstar.domain.RequestContext;
import northstar.domain.alerts.BudgetAlert;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.EventStatus;
import northstar.domain.analytics.Platform;
import northstar.domain.analytics.Utm;

/**
 * Records a budget alert as an analytics event: app northstar, surface budget, its analytics_id the
 * alert's id and its time the alert's, so recording it again (another raise, another instance)
 * stores nothing new; payload {event: budget.soft_limit_reached | budget.hard_limit_reached |
 * budget.overrun, provider, metric, usage, limit (and soft_limit or hard_limit), amount, alert_id,
 * period, period_start, reset_at}.
 */
public final class BudgetAlertEvents implements AlertOutbox.AlertEvents {
    /** The event of a soft limit reached, as the soft-limit warning has always been named. */
    public static final String SOFT_LIMIT_REACHED = BudgetAlert.Kind.SOFT_LIMIT_REACHED.eventType();

    private final StoreRouter router;

    public BudgetAlertEvents(StoreRouter router) {
        this.router = router;
    }

    @Override
    public void record(RequestContext ctx, BudgetAlert a) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", a.kind().eventType());
        payload.put("alert_id", a.id());
        payload.put("provider", a.provider());
        payload.put("metric", a.metric());
        payload.put("usage", a.usage());
        if (a.limit() != null) {
            payload.put("limit", a.limit());
            payload.put(a.kind() == BudgetAlert.Kind.SOFT_LIMIT_REACHED ? "soft_limit" : "hard_limit", a.limit());
        }
        payload.put("amount", a.amount());
        payload.put("period", a.period().kind().wireName());
        payload.put("period_start", a.period().format(a.window().start()));
        if (a.window().end() != null) {
            payload.put("reset_at", a.period().format(a.window().end()));
        }
        AnalyticsRecord event = new AnalyticsRecord(a.id(), a.tenantId(), ctx.mode(), a.projectId(),
                new Dimensions("northstar", "budget", Platform.API, null, null, null, null), Utm.NONE, payload, null,
                EventStatus.SUCCESS, null, a.occurredAt(), a.occurredAt());
        router.analytics(ctx).store().ingest(List.of(event));
    }
}
