package northstar.domain;

import java.util.Optional;

/**
 * Which projects of a tenant a read covers: one project (what every caller reads by default, its
 * own), or all of them, which only an explicit request of a trusted caller asks for (over HTTP: an
 * admin key's {@code project=*}). Writes always name one project, the caller's.
 *
 * @param projectId the project, or null for all projects of the tenant
 */
public record ProjectScope(String projectId) {
    /** Every project of the tenant. */
    public static final ProjectScope ALL = new ProjectScope(null);

    public ProjectScope {
        if (projectId != null) {
            Identifiers.id("project_id", projectId);
        }
    }

    public static ProjectScope of(String projectId) {
        if (projectId == null) {
            throw StoreException.invalid("project_id", "is required");
        }
        return new ProjectScope(projectId);
    }

    /** The caller's own project. */
    public static ProjectScope of(RequestContext ctx) {
        return of(ctx.projectId());
    }

    public boolean isAll() {
        return projectId == null;
    }

    /** The one project, or empty for all. */
    public Optional<String> project() {
        return Optional.ofNullable(projectId);
    }

    /** Whether a record of this project is in scope. */
    public boolean covers(String recordProjectId) {
        return projectId == null || projectId.equals(recordProjectId);
    }

    @Override
    public String toString() {
        return projectId == null ? "*" : projectId;
    }
}
