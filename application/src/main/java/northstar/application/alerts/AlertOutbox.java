package northstar.application.alerts;

import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import northstar.application.budget.BudgetService;
import northstar.application.routing.StoreRouter;
import northstar.domain.ErrorCode;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.alerts.BudgetAlert;
import northstar.domain.alerts.Webhook;
import northstar.domain.tabular.TabularItem;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TabularStore;
import northstar.domain.tabular.WriteCondition;

/**
 * The durable outbox of budget alerts, in the tenant's tabular store: raising an alert creates its
 * item if absent (so each budget window has one alert of a kind, whichever instance raises it and
 * however often), then records its analytics event, built from the stored alert and keyed by its id
 * (so a repeat stores nothing new). Webhook deliveries are the {@link AlertDispatcher}'s.
 *
 * <p>The budget raises an alert on every change that leaves its window at or past a limit, not only
 * on the change that crossed it: a raise lost to a crash between the usage write and this one is
 * made by the next change. Ids this instance has seen through are remembered (up to
 * {@link #REMEMBERED}), so those later raises cost nothing.
 */
public final class AlertOutbox implements BudgetService.AlertSink {
    private static final System.Logger LOG = System.getLogger(AlertOutbox.class.getName());
    static final int REMEMBERED = 10_000;

    /** Records an alert's analytics event; the alert's id is the event's, so recording it again changes nothing. */
    @FunctionalInterface
    public interface AlertEvents {
        void record(RequestContext ctx, BudgetAlert alert);
    }

    private final StoreRouter router;
    private final Function<String, List<Webhook>> webhooks;
    private final AlertEvents events;
    private final Set<String> seen = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    /** @param webhooks a tenant's webhooks (none: its alerts are recorded as events only) */
    public AlertOutbox(StoreRouter router, Function<String, List<Webhook>> webhooks, AlertEvents events) {
        this.router = router;
        this.webhooks = webhooks;
        this.events = events;
    }

    @Override
    public void raise(RequestContext ctx, BudgetAlert alert) {
        String id = alert.id();
        if (seen.contains(id)) {
            return;
        }
        TabularStore store = router.tabular(ctx).store();
        TabularKey key = new TabularKey(ctx.tenantId(), AlertMapping.TABLE, AlertMapping.PREFIX + id);
        boolean wanted = webhooks.apply(ctx.tenantId()).stream().anyMatch(w -> w.wants(alert.kind().eventType()));
        TabularItem stored;
        try {
            stored = store.put(key, AlertMapping.attributes(alert, wanted ? AlertMapping.PENDING : AlertMapping.DELIVERED),
                    WriteCondition.IF_ABSENT);
        } catch (StoreException e) {
            if (e.code() != ErrorCode.ALREADY_EXISTS) {
                throw e;
            }
            stored = store.get(key).orElseThrow(() -> e);
        }
        try {
            events.record(ctx, AlertMapping.alert(stored));
        } catch (RuntimeException e) {
            // the alert is kept; its event is recorded by the next raise of it
            LOG.log(Level.WARNING, "the analytics event of alert " + id + " is not recorded yet: " + e);
            return;
        }
        seen.add(id);
    }
}
