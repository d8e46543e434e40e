package northstar.adapters.http.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import northstar.domain.alerts.StandardWebhooks;
import northstar.domain.alerts.Webhook;
import northstar.domain.alerts.WebhookSender;

/**
 * Posts alerts to webhooks over HTTP(S) with the JDK's client, signed as Standard Webhooks do. It
 * follows no redirects (a webhook answers where it was configured), bounds every attempt (connect
 * and answer), and reads no more of an answer than its status.
 */
public final class HttpWebhookSender implements WebhookSender, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client;
    private final Duration timeout;

    public HttpWebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public Outcome send(Webhook webhook, String messageId, Instant attemptedAt, Map<String, Object> payload) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            return Outcome.failed(0, "the payload cannot be written: " + e.getOriginalMessage());
        }
        long timestamp = attemptedAt.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(webhook.url()).timeout(timeout)
                .header("content-type", "application/json")
                .header("user-agent", "northstar-stores-webhooks")
                .header(StandardWebhooks.ID, messageId)
                .header(StandardWebhooks.TIMESTAMP, String.valueOf(timestamp))
                .header(StandardWebhooks.SIGNATURE, StandardWebhooks.sign(webhook.secret(), messageId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? Outcome.ok(status) : Outcome.failed(status, null);
        } catch (HttpTimeoutException e) {
            return Outcome.failed(0, "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return Outcome.failed(0, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed(0, "interrupted");
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
