package northstar.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import northstar.domain.alerts.BudgetAlert;
import northstar.domain.alerts.StandardWebhooks;
import northstar.domain.alerts.Webhook;
import northstar.domain.alerts.WebhookSecret;
import northstar.domain.budget.BudgetPeriod;
import org.junit.jupiter.api.Test;

/** Alerts are signed as Standard Webhooks do; their secrets never show; one id per budget, window and kind. */
class StandardWebhooksTest {
    @Test
    void theSignatureIsTheStandardWebhooksTestVectors() {
        // the specification's published vector: any Standard Webhooks library verifies what this signs
        WebhookSecret secret = WebhookSecret.parse("secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        String signature = StandardWebhooks.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aSecretNeverShowsItself() {
        WebhookSecret secret = WebhookSecret.parse("secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        Webhook hook = new Webhook(URI.create("https://hooks.example/northstar"), secret,
                Set.of("budget.soft_limit_reached"));

        assertThat(secret.toString()).isEqualTo("whsec_***");
        assertThat(hook.toString()).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThatThrownBy(() -> WebhookSecret.parse("secret", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .hasMessageNotContaining("MfKQ9r8G").isInstanceOf(StoreException.InvalidArgument.class);
        assertThatThrownBy(() -> WebhookSecret.parse("secret", "whsec_c2hvcnQ=")).as("5 bytes are too few")
                .isInstanceOf(StoreException.InvalidArgument.class);
    }

    @Test
    void aWebhookIsAnHttpUrlForKnownEventTypes() {
        WebhookSecret secret = WebhookSecret.parse("secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThatThrownBy(() -> new Webhook(URI.create("file:///etc/passwd"), secret, Set.of("budget.overrun")))
                .hasMessageContaining("url");
        assertThatThrownBy(() -> new Webhook(URI.create("https://u:p@hooks.example/"), secret, Set.of("budget.overrun")))
                .hasMessageContaining("url");
        assertThatThrownBy(() -> new Webhook(URI.create("https://hooks.example/"), secret, Set.of("budget.sold_out")))
                .hasMessageContaining("events");
        assertThat(BudgetAlert.Kind.eventTypes()).containsExactly("budget.soft_limit_reached",
                "budget.hard_limit_reached", "budget.overrun");
    }

    @Test
    void anAlertsIdNamesItsBudgetWindowAndKind() {
        BudgetPeriod day = BudgetPeriod.of("day", "Europe/Berlin", null);
        Instant t = Instant.parse("2026-03-29T12:00:00Z");
        BudgetAlert a = alert(BudgetAlert.Kind.SOFT_LIMIT_REACHED, day, t, 5);

        assertThat(a.id()).startsWith("al_").hasSize(35).isEqualTo(alert(BudgetAlert.Kind.SOFT_LIMIT_REACHED, day,
                t.plusSeconds(3600), 9).id());
        assertThat(a.id()).isNotEqualTo(alert(BudgetAlert.Kind.HARD_LIMIT_REACHED, day, t, 5).id())
                .isNotEqualTo(alert(BudgetAlert.Kind.SOFT_LIMIT_REACHED, day, t.plusSeconds(86_400), 5).id());
    }

    private static BudgetAlert alert(BudgetAlert.Kind kind, BudgetPeriod period, Instant at, double usage) {
        return new BudgetAlert(kind, "acme", "default", "openai", "tokens", period, period.windowOf(at), usage, 5.0, 1,
                at);
    }
}
