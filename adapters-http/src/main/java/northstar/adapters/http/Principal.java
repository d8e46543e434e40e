package northstar.adapters.http;

import java.util.Objects;
import northstar.domain.Identifiers;
import northstar.domain.Mode;

/**
 * Who an API key speaks for: a tenant (in its mode, environment and default project), admin or not,
 * and the projects it may act in (empty: any project of its tenant).
 */
public record Principal(String tenantId, Mode mode, String env, String projectId, boolean admin,
                        java.util.Set<String> projects) {
    public Principal {
        Identifiers.slug("tenant_id", tenantId);
        Objects.requireNonNull(mode, "mode");
        Identifiers.slug("env", env);
        Identifiers.id("project_id", projectId);
        projects = java.util.Set.copyOf(projects);
        if (!projects.isEmpty() && !projects.contains(projectId)) {
            throw new IllegalArgumentException("the default project " + projectId + " is not among the key's projects");
        }
    }

    public Principal(String tenantId, Mode mode, String env, String projectId, boolean admin) {
        this(tenantId, mode, env, projectId, admin, java.util.Set.of());
    }

    /** Whether this key may act in the project: any, unless it lists its projects. */
    public boolean mayActIn(String project) {
        return projects.isEmpty() || projects.contains(project);
    }
}
