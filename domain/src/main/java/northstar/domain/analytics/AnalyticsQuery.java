package northstar.domain.analytics;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import northstar.domain.Identifiers;
import northstar.domain.PageRequest;
import northstar.domain.StoreException;

/**
 * A range query over one tenant's events: timestamps in the half-open range [start, end), with
 * optional app and platform filters, ordered by timestamp then analytics_id.
 */
public record AnalyticsQuery(Instant start, Instant end, Optional<String> app, Optional<Platform> platform,
                             PageRequest page) {
    public AnalyticsQuery {
        if (start == null) {
            throw StoreException.invalid("start", "is required");
        }
        if (end == null) {
            throw StoreException.invalid("end", "is required");
        }
        if (end.isBefore(start)) {
            throw StoreException.invalid("end", "must not be before start");
        }
        app = Objects.requireNonNull(app, "app");
        app.ifPresent(a -> Identifiers.name("app", a));
        platform = Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(page, "page");
    }
}
