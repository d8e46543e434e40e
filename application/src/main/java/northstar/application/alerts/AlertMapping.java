package northstar.application.alerts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import northstar.domain.alerts.BudgetAlert;
import northstar.domain.budget.BudgetPeriod;
import northstar.domain.tabular.TabularItem;

/**
 * Alerts as tabular items: table budget_alerts, key alert:{id}, one item per budget, window and kind
 * (created if absent: the one alert of that window), with its delivery state: pending or delivered
 * (or failed after {@link AlertDispatcher#MAX_ATTEMPTS}), attempts, next_attempt_at (epoch ms) and a
 * sent:{webhook key} marker per webhook that took it.
 */
final class AlertMapping {
    static final String TABLE = "budget_alerts";
    static final String PREFIX = "alert:";
    static final String SENT = "sent:";
    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";

    private AlertMapping() {
    }

    static Map<String, Object> attributes(BudgetAlert a, String state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alert_id", a.id());
        m.put("kind", a.kind().name());
        m.put("tenant_id", a.tenantId());
        m.put("project_id", a.projectId());
        m.put("provider", a.provider());
        m.put("metric", a.metric());
        m.put("period", a.period().kind().wireName());
        m.put("timezone", a.period().timezone().getId());
        if (a.period().kind() == BudgetPeriod.Kind.WEEK) {
            m.put("week_start", a.period().weekStartName());
        }
        m.put("window_start", a.window().start().toString());
        if (a.window().end() != null) {
            m.put("window_end", a.window().end().toString());
        }
        m.put("usage", a.usage());
        if (a.limit() != null) {
            m.put("limit", a.limit());
        }
        m.put("amount", a.amount());
        m.put("occurred_at", a.occurredAt().toString());
        m.put("state", state);
        m.put("attempts", 0L);
        m.put("next_attempt_at", a.occurredAt().toEpochMilli());
        return m;
    }

    static BudgetAlert alert(TabularItem item) {
        BudgetPeriod period = BudgetPeriod.of(item.string("period"), item.string("timezone"), item.string("week_start"));
        String end = item.string("window_end");
        return new BudgetAlert(BudgetAlert.Kind.valueOf(item.string("kind")), item.string("tenant_id"),
                item.string("project_id"), item.string("provider"), item.string("metric"), period,
                new BudgetPeriod.Window(Instant.parse(item.string("window_start")), end == null ? null : Instant.parse(end)),
                item.number("usage"), item.number("limit"), item.number("amount"), Instant.parse(item.string("occurred_at")));
    }

    /** The body a webhook receives: the event type, when it happened and what. */
    static Map<String, Object> payload(BudgetAlert a) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alert_id", a.id());
        data.put("tenant_id", a.tenantId());
        data.put("project_id", a.projectId());
        data.put("provider", a.provider());
        data.put("metric", a.metric());
        data.put("usage", a.usage());
        data.put("limit", a.limit());
        data.put("amount", a.amount());
        data.put("period", a.period().kind().wireName());
        data.put("period_start", a.period().format(a.window().start()));
        data.put("reset_at", a.window().end() == null ? null : a.period().format(a.window().end()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", a.kind().eventType());
        body.put("timestamp", a.occurredAt().toString());
        body.put("data", data);
        return body;
    }
}
