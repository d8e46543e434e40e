package northstar.bootstrap.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import northstar.domain.Mode;
import northstar.domain.StoreException;
import northstar.domain.alerts.BudgetAlert;
import northstar.domain.alerts.Webhook;
import northstar.domain.alerts.WebhookSecret;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;

/** The tenants and routes of a configuration document, checked and named by their JSON path. */
final class ConfigTenants {
    private ConfigTenants() {
    }

    static TenantConfig tenant(ConfigDocument.Tenant t, String where, Set<String> hashes) {
        String id = requiredText(where + ".tenant_id", t.tenantId());
        checked(where + ".tenant_id", () -> northstar.domain.Identifiers.slug("tenant_id", id));
        Mode mode;
        try {
            mode = Mode.fromWire("mode", requiredText(where + ".mode", t.mode()));
        } catch (StoreException e) {
            throw new ConfigException(where + ".mode: must be one of lab, saas, enterprise");
        }
        List<ApiKeyConfig> keys = new ArrayList<>();
        List<ConfigDocument.Key> given = t.apiKeys() == null ? List.of() : t.apiKeys();
        for (int k = 0; k < given.size(); k++) {
            String kw = where + ".api_keys[" + k + "]";
            ConfigDocument.Key key = required(kw, given.get(k));
            String sha = requiredText(kw + ".sha256", key.sha256()).toLowerCase(java.util.Locale.ROOT);
            if (!sha.matches("[0-9a-f]{64}")) {
                throw new ConfigException(kw + ".sha256: must be the 64 hex digits of the key's SHA-256 (never the key)");
            }
            if (!hashes.add(sha)) {
                throw new ConfigException(kw + ".sha256: the same key is configured twice");
            }
            keys.add(new ApiKeyConfig(ConfigFile.or(key.name(), "key-" + k), sha, Boolean.TRUE.equals(key.admin()),
                    projects(key.projects(), kw + ".projects")));
        }
        return new TenantConfig(id, mode, ConfigFile.or(t.projectId(), "default"), keys,
                rejectsUnknownSources(t.attribution(), where), webhooks(t.webhooks(), where + ".webhooks"));
    }

    /** A tenant's webhooks: each an http(s) url, a whsec_ secret and the event types it wants; errors never echo a secret. */
    static List<Webhook> webhooks(List<ConfigDocument.WebhookDoc> docs, String where) {
        if (docs == null) {
            return List.of();
        }
        List<Webhook> hooks = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            String w = where + "[" + i + "]";
            ConfigDocument.WebhookDoc d = required(w, docs.get(i));
            java.net.URI url;
            try {
                url = new java.net.URI(requiredText(w + ".url", d.url()));
            } catch (java.net.URISyntaxException e) {
                throw new ConfigException(w + ".url: must be an http(s) URL");
            }
            WebhookSecret secret;
            try {
                secret = WebhookSecret.parse("secret", d.secret());
            } catch (StoreException e) {
                throw new ConfigException(w + ".secret: must be whsec_ and the base64 of 24 to 64 random bytes");
            }
            List<String> events = d.events() == null ? BudgetAlert.Kind.eventTypes() : d.events();
            try {
                hooks.add(new Webhook(url, secret, new java.util.HashSet<>(events)));
            } catch (StoreException e) {
                throw new ConfigException(w + "." + e.getMessage());
            }
        }
        return hooks;
    }

    /** A key's "projects": the projects it may act in, as a non-empty array of project ids; absent: any. */
    static List<String> projects(List<String> projects, String where) {
        if (projects == null) {
            return List.of();
        }
        if (projects.isEmpty() || projects.contains(null)) {
            throw new ConfigException(where + ": must be a non-empty array of project ids");
        }
        for (int i = 0; i < projects.size(); i++) {
            String p = projects.get(i);
            checked(where + "[" + i + "]", () -> northstar.domain.Identifiers.id("project_id", p));
        }
        return projects;
    }

    /**
     * A tenant's "attribution": {"unknown_source": "accept" | "reject"}. Accept (the default) stores an
     * event whose utm_source no contract fixes, unvalidated; reject refuses it as gatechainerror.
     */
    static boolean rejectsUnknownSources(ConfigDocument.Attribution a, String where) {
        String v = a == null ? null : a.unknownSource();
        if (v == null) {
            return false;
        }
        if (!v.equals("accept") && !v.equals("reject")) {
            throw new ConfigException(where + ".attribution.unknown_source: must be \"accept\" or \"reject\"");
        }
        return v.equals("reject");
    }

    /** @param whose whose routes these are, for messages: a tenant's own, or every tenant's default */
    static List<Route> routes(List<ConfigDocument.RouteDoc> docs, String where, String whose) {
        if (docs == null) {
            return List.of();
        }
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            String rw = where + "[" + i + "]";
            ConfigDocument.RouteDoc r = required(rw, docs.get(i));
            String kind = requiredText(rw + ".resource_kind", r.resourceKind());
            ResourceKind rk = ResourceKind.fromWire(kind).orElseThrow(() -> new ConfigException(rw
                    + ".resource_kind: " + kind + " is not one of analytics_store, tabular_store, object_store"));
            String type = requiredText(rw + ".backend_type", r.backendType());
            Map<String, String> config = new LinkedHashMap<>();
            if (r.config() != null) {
                r.config().forEach((k, v) -> {
                    if (v == null || !v.isValueNode() || v.isNull()) {
                        throw new ConfigException(rw + ".config." + k + ": must be a string, number or boolean");
                    }
                    config.put(k, v.asText());
                });
            }
            Route route = new Route(rk, type, config);
            // the backend's own settings parse, as it will run at startup, on what the embedded defaults complete
            String problem = northstar.bootstrap.BackendTypes.settingsProblem(RouteDefaults.placeholders(route))
                    .orElse(null);
            if (problem != null) {
                int space = problem.indexOf(' ');
                String about = " [" + whose + " " + route.describe() + "]";
                throw new ConfigException((problem.startsWith("config.") && space > 0
                        ? rw + "." + problem.substring(0, space) + ": " + problem.substring(space + 1)
                        : rw + ": " + problem) + about);
            }
            routes.add(route);
        }
        return routes;
    }

    static <T> T required(String where, T value) {
        if (value == null) {
            throw new ConfigException(where + ": must be a JSON object");
        }
        return value;
    }

    static String requiredText(String where, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(where + ": is required (a string)");
        }
        return value;
    }

    static void checked(String where, Runnable check) {
        try {
            check.run();
        } catch (StoreException e) {
            throw new ConfigException(where + ": " + e.getMessage());
        }
    }
}
