package northstar.adapters.http.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * POST /v1/analytics/events:batch: {@code {"events": [...]}}. The items stay JSON here: each is
 * bound on its own ({@link EventBody}, at events[i]) so that one refused item refuses only itself.
 */
public record BatchBody(List<JsonNode> events) {
}
