package northstar.domain.routing;

import java.util.Locale;
import java.util.Optional;

/** What a route serves. */
public enum ResourceKind {
    ANALYTICS_STORE, TABULAR_STORE, OBJECT_STORE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ResourceKind> fromWire(String value) {
        for (ResourceKind k : values()) {
            if (k.wireName().equals(value)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
