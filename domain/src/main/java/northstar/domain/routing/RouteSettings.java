package northstar.domain.routing;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one way a backend reads its route's config: each backend's settings record parses the route
 * through this reader, strictly, and finishes with {@link #done()}. A value that is not what its
 * setting takes (a number that is not a whole number in range, a switch that is not true/false, a
 * URL that is not one) and a key that no setting of the backend reads are each a
 * {@link RouteConfigurationException} naming the route and the key. Nothing comes from the
 * environment: the config is all there is.
 */
public final class RouteSettings {
    private final Route route;
    private final Set<String> read = new HashSet<>();

    private RouteSettings(Route route) {
        this.route = route;
    }

    public static RouteSettings of(Route route) {
        return new RouteSettings(route);
    }

    public Route route() {
        return route;
    }

    private RouteConfigurationException bad(String key, String what) {
        return new RouteConfigurationException(route.describe() + ": config." + key + " " + what);
    }

    /** Whether the config gives this key (the key counts as read). */
    public boolean has(String key) {
        read.add(key);
        String v = route.config().get(key);
        return v != null && !v.isBlank();
    }

    /** A mandatory text setting. */
    public String text(String key) {
        return optionalText(key).orElseThrow(() -> bad(key, "is required"));
    }

    public String text(String key, String fallback) {
        return optionalText(key).orElse(fallback);
    }

    public Optional<String> optionalText(String key) {
        read.add(key);
        String v = route.config().get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /** A mandatory secret setting: it never prints. */
    public Secret secret(String key) {
        return new Secret(text(key));
    }

    public Optional<Secret> optionalSecret(String key) {
        return optionalText(key).map(Secret::new);
    }

    /** An id and its secret, as a "static" credentials choice gives them. */
    public record StaticKey(String id, Secret secret) {
    }

    /**
     * A credentials choice between {@code static} (an id and a secret, both required) and
     * {@code default} (a provider chain the route names explicitly; neither key may be given): the
     * static key, or empty for default.
     */
    public Optional<StaticKey> staticOrDefault(String choiceKey, String idKey, String secretKey) {
        String choice = choice(choiceKey, Set.of("static", "default"));
        Optional<String> id = optionalText(idKey);
        Optional<Secret> secret = optionalSecret(secretKey);
        boolean both = id.isPresent() && secret.isPresent();
        if (choice.equals("static") ? !both : id.isPresent() || secret.isPresent()) {
            throw bad(idKey, "and config." + secretKey + " go with " + choiceKey + " static (both), and only with it");
        }
        return both ? Optional.of(new StaticKey(id.get(), secret.get())) : Optional.empty();
    }

    /** A whole number within [min, max]. */
    public long number(String key, long fallback, long min, long max) {
        Optional<String> v = optionalText(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.get().trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the one error below
        }
        throw bad(key, "must be a whole number from " + min + " to " + max + " (got " + quoted(key, v.get()) + ")");
    }

    public int integer(String key, int fallback, int min, int max) {
        return (int) number(key, fallback, min, max);
    }

    /** A duration given in milliseconds, from 1 ms to max. */
    public Duration millis(String key, long fallbackMillis, long maxMillis) {
        return Duration.ofMillis(number(key, fallbackMillis, 1, maxMillis));
    }

    /** A switch: "true" or "false", nothing else. */
    public boolean flag(String key, boolean fallback) {
        Optional<String> v = optionalText(key);
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, "must be true or false (got " + quoted(key, v.get()) + ")");
        };
    }

    /** One of a few words. */
    public String choice(String key, Set<String> allowed) {
        String v = text(key);
        if (!allowed.contains(v)) {
            throw bad(key, "must be one of " + String.join(", ", new TreeSet<>(allowed)) + " (got " + quoted(key, v) + ")");
        }
        return v;
    }

    /** An absolute http(s) URL. */
    public Optional<URI> url(String key) {
        Optional<String> v = optionalText(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI u = new URI(v.get());
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
                return Optional.of(u);
            }
        } catch (java.net.URISyntaxException e) {
            // the one error below
        }
        throw bad(key, "must be an http(s) URL");
    }

    /**
     * Settings of this route that another part reads and checks (a token credential, which bootstrap
     * builds): they are settings of the backend, not unknown keys.
     */
    public void readElsewhere(String... keys) {
        read.addAll(java.util.List.of(keys));
    }

    /**
     * Whether the route names a token credential ({@code credential}) that another part builds from
     * it: its settings ({@code credential}, {@code tenant_id}, {@code client_id}, {@code client_secret},
     * {@code authority_host}) are then settings of the backend, read and checked there.
     */
    public boolean namesTokenCredential() {
        readElsewhere("credential", "tenant_id", "client_id", "client_secret", "authority_host");
        return route.config().containsKey("credential");
    }

    /** A setting this parse reads only in some configurations, refused in the others. */
    public void refuse(String key, String why) {
        if (route.config().containsKey(key)) {
            throw bad(key, why);
        }
        read.add(key);
    }

    /** Ends the parse: a key no setting read is refused, naming the settings there are. */
    public void done() {
        Set<String> unknown = new TreeSet<>(route.config().keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            String key = unknown.iterator().next();
            throw bad(key, "is not a setting of backend_type " + route.backendType() + " (its settings: "
                    + String.join(", ", new TreeSet<>(read)) + ")");
        }
    }

    private static String quoted(String key, String value) {
        return Route.isSecret(key) ? "***" : "\"" + value + "\"";
    }
}
