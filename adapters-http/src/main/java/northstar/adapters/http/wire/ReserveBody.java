package northstar.adapters.http.wire;

import java.time.Duration;

/** POST /v1/budgets/{provider}/{metric}/reservations: what to hold, for how long, and for which run and step. */
public record ReserveBody(Double amount, Long ttlSeconds, String runId, String stepId) {
    public ReserveBody {
        Bodies.required("amount", amount);
        Bodies.required("ttl_seconds", ttlSeconds);
    }

    public Duration ttl() {
        return Duration.ofSeconds(ttlSeconds);
    }
}
