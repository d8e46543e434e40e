package northstar.adapters.http.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The operational answers: health, readiness, who a key speaks for, the journal's figures, the routes, the raw API's. */
public final class OpsViews {
    private OpsViews() {
    }

    public record Health(String status) {
    }

    public record Ready(String status, List<BackendReadiness> backends) {
    }

    /** One routed backend's probe: ready, or why not. */
    public record BackendReadiness(String resourceKind, String backendType, boolean ready,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
    }

    public record WhoAmI(String tenantId, String mode, String env, String projectId, boolean admin) {
    }

    public record Journal(long pendingEntries, long bytes, long maxBytes) {
    }

    /** A route with its secrets redacted; tenant_id null for every tenant's default. */
    public record RouteView(String tenantId, String resourceKind, String backendType, Map<String, String> config) {
    }

    public record Routes(List<RouteView> routes) {
    }

    /** The design's raw API: the URI of a stored object, the keys under a prefix. */
    public record RawPut(String objectUri) {
    }

    public record RawList(List<String> objects) {
    }
}
