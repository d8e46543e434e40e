package northstar.adapters.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import northstar.application.routing.StoreRouter;
import northstar.domain.Backend;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.domain.routing.Route;

/** /healthz, /readyz, /v1/routes and /openapi.json. */
final class OpsHandlers {
    private final StoreRouter router;
    private final byte[] openApi;

    OpsHandlers(StoreRouter router) {
        this.router = router;
        try (InputStream in = OpsHandlers.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the HTTP module");
            }
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void health(Context ctx) {
        Json.write(ctx, 200, Map.of("status", "ok"));
    }

    /** Every routed backend answers its probe, or 503 naming each one that does not. */
    void ready(Context ctx) {
        List<Map<String, Object>> backends = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        for (Map.Entry<Route, Backend> e : router.backends().entrySet()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("resource_kind", e.getKey().resourceKind().wireName());
            b.put("backend_type", e.getKey().backendType());
            try {
                e.getValue().probe();
                b.put("ready", true);
            } catch (RuntimeException failure) {
                b.put("ready", false);
                failing.add(e.getKey().describe());
            }
            backends.add(b);
        }
        if (!failing.isEmpty()) {
            throw new StoreException(ErrorCode.UNAVAILABLE, "not ready: " + String.join(", ", failing)
                    + " did not answer its probe");
        }
        Json.write(ctx, 200, Map.of("status", "ready", "backends", backends));
    }

    /** Who the key speaks for: the cheapest authenticated call (and a client's way to check its key). */
    void whoami(Context ctx) {
        Principal p = Auth.principal(ctx);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenant_id", p.tenantId());
        m.put("mode", p.mode().wireName());
        m.put("env", p.env());
        m.put("project_id", p.projectId());
        m.put("admin", p.admin());
        Json.write(ctx, 200, m);
    }

    void routes(Context ctx) {
        if (!Auth.principal(ctx).admin()) {
            throw new StoreException(ErrorCode.PERMISSION_DENIED, "the routes are shown to admin keys only");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        router.table().defaults().values().forEach(r -> out.add(view(r, null)));
        for (String tenant : router.table().tenantsWithRoutes()) {
            router.table().tenantRoutes(tenant).values().forEach(r -> out.add(view(r, tenant)));
        }
        out.sort(java.util.Comparator.comparing((Map<String, Object> m) -> String.valueOf(m.get("tenant_id")))
                .thenComparing(m -> String.valueOf(m.get("resource_kind"))));
        Json.write(ctx, 200, Map.of("routes", out));
    }

    private static Map<String, Object> view(Route r, String tenant) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenant_id", tenant);
        m.put("resource_kind", r.resourceKind().wireName());
        m.put("backend_type", r.backendType());
        m.put("config", r.redactedConfig());
        return m;
    }

    void openApi(Context ctx) {
        ctx.status(200).contentType(Json.CONTENT_TYPE).result(openApi);
    }
}
