package northstar.domain.analytics;

import java.util.Objects;
import northstar.domain.Identifiers;

/**
 * The seven dimensions an event is tracked by. app and platform are required; surface, session,
 * request, run and step are optional (a step without a run is allowed but is never found by run).
 */
public record Dimensions(String app, String surface, Platform platform, String sessionId, String requestId,
                         String runId, String stepId) {
    public Dimensions {
        Identifiers.name("app", app);
        if (surface != null) {
            Identifiers.name("surface", surface);
        }
        Objects.requireNonNull(platform, "platform");
        Identifiers.optionalId("session_id", sessionId);
        Identifiers.optionalId("request_id", requestId);
        Identifiers.optionalId("run_id", runId);
        Identifiers.optionalId("step_id", stepId);
    }

    /** These dimensions with another request id. */
    public Dimensions withRequestId(String id) {
        return new Dimensions(app, surface, platform, sessionId, id, runId, stepId);
    }
}
