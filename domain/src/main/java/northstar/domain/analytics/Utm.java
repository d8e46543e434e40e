package northstar.domain.analytics;

import java.util.LinkedHashMap;
import java.util.Map;
import northstar.domain.Identifiers;

/** The five UTM parameters of an event; each may be absent. */
public record Utm(String source, String medium, String campaign, String content, String term) {
    public static final Utm NONE = new Utm(null, null, null, null, null);
    private static final int MAX = 512;

    public Utm {
        check("utm_source", source);
        check("utm_medium", medium);
        check("utm_campaign", campaign);
        check("utm_content", content);
        check("utm_term", term);
    }

    private static void check(String field, String value) {
        if (value != null) {
            Identifiers.text(field, value, MAX);
        }
    }

    public boolean isEmpty() {
        return source == null && medium == null && campaign == null && content == null && term == null;
    }

    /** The present parameters by their contract field names (source, medium, ...). */
    public Map<String, String> asFields() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "source", source);
        put(m, "medium", medium);
        put(m, "campaign", campaign);
        put(m, "content", content);
        put(m, "term", term);
        return m;
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
