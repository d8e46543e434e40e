package northstar.adapters.http.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import northstar.domain.alerts.StandardWebhooks;
import northstar.domain.alerts.Webhook;
import northstar.domain.alerts.WebhookSecret;
import northstar.domain.alerts.WebhookSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alerts posted to a real HTTP receiver: signed as Standard Webhooks do, bounded in time, never redirected. */
class HttpWebhookSenderTest {
    static final WebhookSecret SECRET = WebhookSecret.parse("secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    Javalin receiver;
    HttpWebhookSender sender;

    @BeforeEach
    void start() {
        receiver = Javalin.create(config -> {
            config.routes.post("/ok", ctx -> {
                received.add(Map.of("id", ctx.header(StandardWebhooks.ID), "timestamp",
                        ctx.header(StandardWebhooks.TIMESTAMP), "signature", ctx.header(StandardWebhooks.SIGNATURE),
                        "body", ctx.body(), "type", String.valueOf(ctx.contentType())));
                ctx.status(204);
            });
            config.routes.post("/down", ctx -> ctx.status(503));
            config.routes.post("/moved", ctx -> ctx.redirect("/ok", io.javalin.http.HttpStatus.TEMPORARY_REDIRECT));
            config.routes.post("/slow", ctx -> {
                Thread.sleep(1_500);
                ctx.status(204);
            });
        }).start("127.0.0.1", 0);
        sender = new HttpWebhookSender(Duration.ofMillis(500));
    }

    @AfterEach
    void stop() {
        sender.close();
        receiver.stop();
    }

    @Test
    void anAlertArrivesSignedSoItsReceiverCanVerifyIt() {
        Instant at = Instant.parse("2026-06-01T08:00:00Z");

        WebhookSender.Outcome outcome = sender.send(hook("/ok"), "al_1", at, Map.of("type", "budget.overrun",
                "data", Map.of("usage", 150.0)));

        assertThat(outcome.delivered()).isTrue();
        assertThat(outcome.status()).isEqualTo(204);
        Map<String, String> r = received.getFirst();
        assertThat(r.get("id")).isEqualTo("al_1");
        assertThat(r.get("timestamp")).isEqualTo(String.valueOf(at.getEpochSecond()));
        assertThat(r.get("type")).startsWith("application/json");
        assertThat(r.get("signature")).as("what a receiver computes from what it received")
                .isEqualTo(StandardWebhooks.sign(SECRET, "al_1", at.getEpochSecond(), r.get("body").getBytes()));
        assertThat(r.get("body")).contains("\"type\":\"budget.overrun\"").contains("\"usage\":150.0");
    }

    @Test
    void aRefusalARedirectAndASilenceAreFailedAttempts() {
        WebhookSender.Outcome down = sender.send(hook("/down"), "al_2", Instant.now(), Map.of());
        WebhookSender.Outcome moved = sender.send(hook("/moved"), "al_3", Instant.now(), Map.of());
        WebhookSender.Outcome slow = sender.send(hook("/slow"), "al_4", Instant.now(), Map.of());
        WebhookSender.Outcome closed = sender.send(new Webhook(URI.create("http://127.0.0.1:1/x"), SECRET,
                Set.of("budget.overrun")), "al_5", Instant.now(), Map.of());

        assertThat(down.delivered()).isFalse();
        assertThat(down.status()).isEqualTo(503);
        assertThat(moved.delivered()).as("a webhook answers where it was configured").isFalse();
        assertThat(moved.status()).isEqualTo(307);
        assertThat(slow.delivered()).isFalse();
        assertThat(slow.error()).contains("no answer within 500 ms");
        assertThat(closed.delivered()).isFalse();
        assertThat(received).as("the redirect was not followed").isEmpty();
    }

    private Webhook hook(String path) {
        return new Webhook(URI.create("http://127.0.0.1:" + receiver.port() + path), SECRET, Set.of("budget.overrun"));
    }
}
