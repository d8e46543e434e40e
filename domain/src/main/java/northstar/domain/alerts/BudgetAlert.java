package northstar.domain.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import northstar.domain.budget.BudgetPeriod;

/**
 * Something a budget's window came to that its owners want to know, once per window: its usage
 * reached the soft limit, reached the hard limit, or a reservation's actual passed its estimate.
 *
 * @param window    the budget window it happened in (the lifetime for period none)
 * @param usage     the window's usage right after it
 * @param limit     the limit reached (the hard limit for an overrun; null when there is none)
 * @param amount    the usage that brought it about
 */
public record BudgetAlert(Kind kind, String tenantId, String projectId, String provider, String metric,
                          BudgetPeriod period, BudgetPeriod.Window window, double usage, Double limit, double amount,
                          Instant occurredAt) {
    public enum Kind {
        SOFT_LIMIT_REACHED, HARD_LIMIT_REACHED, OVERRUN;

        /** The event type: budget.soft_limit_reached, budget.hard_limit_reached, budget.overrun. */
        public String eventType() {
            return "budget." + name().toLowerCase(Locale.ROOT);
        }

        public static List<String> eventTypes() {
            return Arrays.stream(values()).map(Kind::eventType).toList();
        }
    }

    public BudgetAlert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(occurredAt, "occurred_at");
    }

    /**
     * The alert's id: the same for a budget, window and kind on every instance and attempt (so one
     * window has one alert of a kind, and a webhook redelivery carries the same webhook-id).
     */
    public String id() {
        String name = String.join("\u0000", kind.name(), tenantId, projectId, provider, metric,
                String.valueOf(window.start().getEpochSecond()), period.kind().name());
        return "al_" + WebhookSecret.digest(name).substring(0, 32);
    }
}
