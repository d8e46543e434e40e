package northstar.domain.routing;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which backend serves a resource kind, and how to reach it: the design's
 * {@code {resource_kind, backend_type, config}}. The config is the only source of a backend's
 * settings; nothing is taken from the environment. Backends read it through their typed settings
 * record, which parses it strictly with {@link RouteSettings}.
 */
public record Route(ResourceKind resourceKind, String backendType, Map<String, String> config) {
    public Route {
        Objects.requireNonNull(resourceKind, "resource_kind");
        if (backendType == null || backendType.isBlank()) {
            throw new RouteConfigurationException("a " + resourceKind.wireName() + " route has no backend_type");
        }
        config = Map.copyOf(config == null ? Map.of() : config);
    }

    /** A mandatory config value, or a RouteConfigurationException naming the route and field. */
    public String require(String field) {
        String v = config.get(field);
        if (v == null || v.isBlank()) {
            throw new RouteConfigurationException(describe() + ": config." + field + " is required");
        }
        return v;
    }

    public String describe() {
        return resourceKind.wireName() + " route (backend_type " + backendType + ")";
    }

    /** The config with secret-looking values replaced, for logs and the routes endpoint. */
    public Map<String, String> redactedConfig() {
        Map<String, String> out = new TreeMap<>();
        config.forEach((k, v) -> out.put(k, isSecret(k) ? "***" : v));
        return out;
    }

    public static boolean isSecret(String field) {
        String f = field.toLowerCase(java.util.Locale.ROOT);
        return f.contains("key") && !f.endsWith("_id") && !f.equals("key_prefix") || f.contains("secret")
                || f.contains("password") || f.contains("token") || f.contains("connection_string")
                || f.contains("credential");
    }
}
