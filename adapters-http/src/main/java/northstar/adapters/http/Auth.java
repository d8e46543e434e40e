package northstar.adapters.http;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.regex.Pattern;
import northstar.domain.ErrorCode;
import northstar.domain.Identifiers;
import northstar.domain.Ids;
import northstar.domain.ProjectScope;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;

/**
 * Authentication of /v1 and /raw requests: a Bearer API key decides the tenant; the optional
 * X-Project-Id and X-User-Id headers narrow the context within that tenant. Without a valid key:
 * 401, and the handler is never reached.
 */
final class Auth {
    static final String PRINCIPAL = "northstar.principal";
    static final String REQUEST_ID = "northstar.request_id";
    private static final Pattern BEARER = Pattern.compile("Bearer ([A-Za-z0-9._~+/=-]{16,512})");

    private final ApiKeys keys;

    Auth(ApiKeys keys) {
        this.keys = keys;
    }

    /** Tags every request with an id: the caller's X-Request-Id when it is a valid id, else a new one. */
    static void assignRequestId(Context ctx) {
        String given = ctx.header("X-Request-Id");
        String id = given != null && given.length() <= 128 && given.matches("[A-Za-z0-9][A-Za-z0-9._~@+-]*")
                ? given : Ids.newId();
        ctx.attribute(REQUEST_ID, id);
        ctx.header("X-Request-Id", id);
    }

    void require(Context ctx) {
        String header = ctx.header("Authorization");
        var m = header == null ? null : BEARER.matcher(header);
        Optional<Principal> principal = m != null && m.matches() ? keys.authenticate(m.group(1)) : Optional.empty();
        if (principal.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"northstar\"");
            Problems.of(ctx, 401, "unauthenticated", "a valid API key is required: Authorization: Bearer <key>");
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute(PRINCIPAL, principal.get());
    }

    static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new IllegalStateException("handler reached without authentication");
        }
        return p;
    }

    static RequestContext context(Context ctx) {
        return context(ctx, principal(ctx));
    }

    static RequestContext context(Context ctx, Principal p) {
        String project = ctx.header("X-Project-Id");
        String user = ctx.header("X-User-Id");
        String chosen = project == null ? p.projectId() : Identifiers.id("X-Project-Id", project);
        requireProject(p, chosen, "X-Project-Id");
        return new RequestContext(p.tenantId(), p.mode(), p.env(), chosen,
                user == null ? null : Identifiers.id("X-User-Id", user), ctx.attribute(REQUEST_ID));
    }

    /**
     * The projects a read covers: the caller's own (X-Project-Id, else its key's default), or, with
     * {@code ?project=*}, every project of its tenant: an admin key's privilege, refused (403) to
     * other keys and to keys that list their projects. Any other value is a 400: one project is
     * chosen by X-Project-Id, as for writes.
     */
    static ProjectScope readScope(Context ctx, RequestContext rc) {
        String asked = ctx.queryParam("project");
        if (asked == null) {
            return ProjectScope.of(rc);
        }
        if (!asked.equals("*")) {
            throw StoreException.invalid("project", "takes * (all projects, admin keys only); one project is chosen by"
                    + " X-Project-Id");
        }
        Principal p = principal(ctx);
        if (!p.admin()) {
            throw new StoreException(ErrorCode.PERMISSION_DENIED, "project=*: reading all projects of a tenant takes an"
                    + " admin key");
        }
        if (!p.projects().isEmpty()) {
            throw new StoreException(ErrorCode.PERMISSION_DENIED, "project=*: this API key acts in listed projects only");
        }
        return ProjectScope.ALL;
    }

    /** A key that lists its projects acts in those only: another is 403, however it is named (header or body). */
    static void requireProject(Principal p, String project, String field) {
        if (!p.mayActIn(project)) {
            throw new StoreException(ErrorCode.PERMISSION_DENIED, field + ": this API key acts in project"
                    + (p.projects().size() == 1 ? " " : "s ") + String.join(", ", new java.util.TreeSet<>(p.projects()))
                    + " only, not " + project);
        }
    }
}
