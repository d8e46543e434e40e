package northstar.domain;

import java.util.Objects;

/**
 * Who is calling and where: every use case takes one, and every read and write is scoped to its
 * tenant. Built by the caller's authentication (the HTTP layer or the embedding monolith), never
 * from request bodies.
 */
public record RequestContext(String tenantId, Mode mode, String env, String projectId, String userId,
                             String requestId) {
    public RequestContext {
        Identifiers.slug("tenant_id", tenantId);
        Objects.requireNonNull(mode, "mode");
        Identifiers.slug("env", env);
        Identifiers.id("project_id", projectId);
        Identifiers.optionalId("user_id", userId);
        Identifiers.optionalId("request_id", requestId);
    }
}
