package northstar.domain.tabular;

import java.util.Map;
import java.util.Objects;
import northstar.domain.DocumentValues;

/**
 * A stored item: its key, its attributes (a document of {@link DocumentValues}) and its version,
 * which starts at 1 and grows by one on every write, so optimistic writers can guard on it.
 */
public record TabularItem(TabularKey key, Map<String, Object> attributes, long version) {
    public TabularItem {
        Objects.requireNonNull(key, "key");
        attributes = DocumentValues.copyMap("attributes", attributes);
        if (version < 1) {
            throw new IllegalArgumentException("version < 1");
        }
    }

    public String string(String name) {
        return attributes.get(name) instanceof String s ? s : null;
    }

    /** A numeric attribute as a double, or null when absent. */
    public Double number(String name) {
        return attributes.get(name) instanceof Number n ? n.doubleValue() : null;
    }
}
