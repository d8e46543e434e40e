package northstar.application.alerts;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import northstar.application.Paging;
import northstar.application.routing.StoreRouter;
import northstar.domain.ErrorCode;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.alerts.BudgetAlert;
import northstar.domain.alerts.Webhook;
import northstar.domain.alerts.WebhookSender;
import northstar.domain.tabular.TableRef;
import northstar.domain.tabular.TabularItem;
import northstar.domain.tabular.TabularStore;
import northstar.domain.tabular.WriteCondition;

/**
 * Delivers the pending alerts of the outbox to the tenants' webhooks, at least once: an alert stays
 * pending until every webhook that wants it answered 2xx, and a delivery is recorded only after its
 * answer, so a service killed mid-delivery delivers it again when it runs next (with the same
 * webhook-id). Failed attempts are tried again with exponential backoff and jitter (from
 * {@link #FIRST_RETRY} doubling to {@link #LAST_RETRY}), up to {@link #MAX_ATTEMPTS} attempts, then
 * the alert is marked failed. Two instances may both deliver an alert; receivers tell by webhook-id.
 */
public final class AlertDispatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AlertDispatcher.class.getName());
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LAST_RETRY = Duration.ofMinutes(30);
    public static final int MAX_ATTEMPTS = 20;
    private static final int MAX_PER_PASS = 1000;

    private final StoreRouter router;
    private final Clock clock;
    private final Supplier<List<RequestContext>> tenants;
    private final Function<String, List<Webhook>> webhooks;
    private final WebhookSender sender;
    private volatile northstar.application.Periodic passes;

    /** @param tenants the tenants whose alerts it delivers, each as a context of its own mode and env */
    public AlertDispatcher(StoreRouter router, Clock clock, Supplier<List<RequestContext>> tenants,
                           Function<String, List<Webhook>> webhooks, WebhookSender sender) {
        this.router = router;
        this.clock = clock;
        this.tenants = tenants;
        this.webhooks = webhooks;
        this.sender = sender;
    }

    /** Runs a pass every so often on a thread of its own, until closed. */
    public AlertDispatcher start(Duration every) {
        passes = northstar.application.Periodic.every("northstar-alert-dispatcher", every, this::deliverDue);
        return this;
    }

    /** Stops passing; what is pending stays in the outbox for the next start. */
    @Override
    public void close() {
        if (passes != null) {
            passes.close();
        }
    }

    /** One pass over every tenant's pending alerts that are due; how many deliveries were made. */
    public int deliverDue() {
        int delivered = 0;
        for (RequestContext tenant : tenants.get()) {
            try {
                delivered += deliverDue(tenant);
            } catch (StoreException e) {
                LOG.log(Level.WARNING, "alerts of tenant " + tenant.tenantId() + " not delivered this pass: "
                        + e.getMessage());
            }
        }
        return delivered;
    }

    private int deliverDue(RequestContext ctx) {
        String tenant = ctx.tenantId();
        List<Webhook> hooks = webhooks.apply(tenant);
        if (hooks.isEmpty()) {
            return 0;
        }
        // the outbox is the tenant's own table, served by the tenant's tabular route
        TabularStore store = router.tabular(ctx).store();
        int delivered = 0;
        for (TabularItem item : Paging.all(page -> store.list(new TableRef(tenant, AlertMapping.TABLE),
                AlertMapping.PREFIX, page), MAX_PER_PASS)) {
            Instant now = clock.instant();
            Double due = item.number("next_attempt_at");
            if (!AlertMapping.PENDING.equals(item.string("state")) || due == null || due > now.toEpochMilli()) {
                continue;
            }
            delivered += deliver(store, item, hooks, now);
        }
        return delivered;
    }

    private int deliver(TabularStore store, TabularItem item, List<Webhook> hooks, Instant now) {
        BudgetAlert alert = AlertMapping.alert(item);
        Map<String, Object> next = new LinkedHashMap<>(item.attributes());
        int delivered = 0;
        String lastError = null;
        boolean allSent = true;
        for (Webhook hook : hooks) {
            if (!hook.wants(alert.kind().eventType()) || item.attributes().containsKey(AlertMapping.SENT + hook.key())) {
                continue;
            }
            WebhookSender.Outcome outcome = sender.send(hook, alert.id(), now, AlertMapping.payload(alert));
            if (outcome.delivered()) {
                next.put(AlertMapping.SENT + hook.key(), now.toString());
                delivered++;
            } else {
                allSent = false;
                lastError = "webhook " + hook.key() + ": " + (outcome.status() > 0 ? "HTTP " + outcome.status() : "")
                        + (outcome.error() == null ? "" : " " + outcome.error());
            }
        }
        long attempts = item.number("attempts") == null ? 0 : item.number("attempts").longValue();
        next.put("attempts", attempts + 1);
        if (allSent) {
            next.put("state", AlertMapping.DELIVERED);
        } else if (attempts + 1 >= MAX_ATTEMPTS) {
            next.put("state", AlertMapping.FAILED);
            next.put("last_error", lastError);
            LOG.log(Level.WARNING, "alert " + alert.id() + " gave up after " + (attempts + 1) + " attempts: " + lastError);
        } else {
            next.put("next_attempt_at", now.plus(backoff(attempts)).toEpochMilli());
            next.put("last_error", lastError);
        }
        try {
            store.put(item.key(), next, WriteCondition.ifVersion(item.version()));
        } catch (StoreException e) {
            if (e.code() != ErrorCode.FAILED_PRECONDITION) {
                throw e;
            }
            // another instance recorded its own pass first: what this one delivered may go again (same webhook-id)
        }
        return delivered;
    }

    /** The pause after the attempt numbered so (from 0): up to FIRST_RETRY * 2^attempt, at most LAST_RETRY, jittered. */
    static Duration backoff(long attempt) {
        long ceiling = Math.min(LAST_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }
}
