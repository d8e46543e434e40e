package northstar.domain.attribution;

import java.util.Locale;
import java.util.Optional;

/** The five UTM fields, named as contracts name them (source, not utm_source). */
public enum UtmField {
    SOURCE, MEDIUM, CAMPAIGN, CONTENT, TERM;

    public String fieldName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts both "source" and "utm_source". */
    public static Optional<UtmField> parse(String name) {
        String bare = name.startsWith("utm_") ? name.substring(4) : name;
        for (UtmField f : values()) {
            if (f.fieldName().equals(bare)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
