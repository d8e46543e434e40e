package northstar.domain.routing;

import java.util.Objects;

/**
 * A secret setting (an account key, a client secret, a presign key): it never prints. Settings
 * records hold secrets as this type, so a record logged or put in a message shows {@code ***}.
 */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The secret itself, for the one call that needs it. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "***";
    }
}
