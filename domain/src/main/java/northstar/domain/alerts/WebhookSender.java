package northstar.domain.alerts;

import java.time.Instant;
import java.util.Map;

/**
 * Outbound port: posts one alert to one webhook, signed as Standard Webhooks do (headers
 * webhook-id, webhook-timestamp and webhook-signature "v1,base64(HMAC-SHA256(key, id.timestamp.body))").
 * A message keeps its id on every attempt, so a receiver can tell a redelivery.
 */
@FunctionalInterface
public interface WebhookSender {
    /** What one attempt came to: delivered (a 2xx answer), or why not (never carrying the secret). */
    record Outcome(boolean delivered, int status, String error) {
        public static Outcome ok(int status) {
            return new Outcome(true, status, null);
        }

        public static Outcome failed(int status, String error) {
            return new Outcome(false, status, error);
        }
    }

    /**
     * @param messageId the alert's id, the same on every attempt
     * @param payload   the JSON body as a document of strings, numbers, booleans, nulls, lists and maps
     */
    Outcome send(Webhook webhook, String messageId, Instant attemptedAt, Map<String, Object> payload);
}
