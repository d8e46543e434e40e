package northstar.adapters.http;

import java.util.Objects;
import northstar.domain.Identifiers;
import northstar.domain.Mode;

/** Who an API key speaks for: a tenant (in its mode, environment and default project), admin or not. */
public record Principal(String tenantId, Mode mode, String env, String projectId, boolean admin) {
    public Principal {
        Identifiers.slug("tenant_id", tenantId);
        Objects.requireNonNull(mode, "mode");
        Identifiers.slug("env", env);
        Identifiers.id("project_id", projectId);
    }
}
