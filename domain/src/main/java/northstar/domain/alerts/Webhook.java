package northstar.domain.alerts;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import northstar.domain.StoreException;

/**
 * A tenant's webhook: where its alerts are posted, the secret they are signed with (Standard
 * Webhooks: HMAC-SHA256) and the event types it wants (e.g. budget.soft_limit_reached).
 */
public record Webhook(URI url, WebhookSecret secret, Set<String> events) {
    public Webhook {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null || url.getRawUserInfo() != null) {
            throw StoreException.invalid("url", "must be an http(s) URL with a host and no user info");
        }
        events = Set.copyOf(events);
        if (events.isEmpty()) {
            throw StoreException.invalid("events", "must name at least one event type");
        }
        for (String e : events) {
            if (!BudgetAlert.Kind.eventTypes().contains(e)) {
                throw StoreException.invalid("events", "unknown event type " + e + "; known: "
                        + String.join(", ", BudgetAlert.Kind.eventTypes()));
            }
        }
    }

    public boolean wants(String eventType) {
        return events.contains(eventType);
    }

    /** A short, stable name of this webhook (its URL's digest), safe to keep beside an alert and to log. */
    public String key() {
        return WebhookSecret.digest(url.toString()).substring(0, 16);
    }
}
