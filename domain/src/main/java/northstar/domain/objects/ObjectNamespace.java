package northstar.domain.objects;

import northstar.domain.Identifiers;
import northstar.domain.RequestContext;

/**
 * One tenant's objects in one environment: every key lives under
 * {@code tenants/{tenant}/{env}/raw/}. Adapters build the backend path only as
 * {@code namespace.prefix() + key}, so a key cannot leave its namespace.
 */
public record ObjectNamespace(String tenantId, String env) {
    public ObjectNamespace {
        Identifiers.slug("tenant_id", tenantId);
        Identifiers.slug("env", env);
    }

    public static ObjectNamespace of(RequestContext ctx) {
        return new ObjectNamespace(ctx.tenantId(), ctx.env());
    }

    public String prefix() {
        return "tenants/" + tenantId + "/" + env + "/raw/";
    }

    public String path(ObjectKey key) {
        return prefix() + key.value();
    }
}
