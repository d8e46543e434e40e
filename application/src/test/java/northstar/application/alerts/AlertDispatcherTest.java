package northstar.application.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import northstar.application.EmbeddedBackends;
import northstar.application.TestClock;
import northstar.application.budget.BudgetService;
import northstar.domain.PageRequest;
import northstar.domain.RequestContext;
import northstar.domain.alerts.BudgetAlert;
import northstar.domain.alerts.Webhook;
import northstar.domain.alerts.WebhookSecret;
import northstar.domain.alerts.WebhookSender;
import northstar.domain.tabular.TableRef;
import northstar.domain.tabular.TabularItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox and its dispatcher over real SQLite: an alert is delivered to each webhook that wants
 * it until each answered 2xx, with backoff between failed attempts, under the same message id on
 * every attempt, and is given up after the last attempt.
 */
class AlertDispatcherTest {
    static final WebhookSecret SECRET = WebhookSecret.parse("secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    final TestClock clock = new TestClock(Instant.parse("2026-06-01T08:00:00Z"));
    final RequestContext acme = EmbeddedBackends.lab("acme");
    final Webhook all = new Webhook(URI.create("https://a.example/hook"), SECRET, Set.copyOf(BudgetAlert.Kind.eventTypes()));
    final Webhook hardOnly = new Webhook(URI.create("https://b.example/hook"), SECRET, Set.of("budget.hard_limit_reached"));
    final List<String> sent = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    Path dir;
    EmbeddedBackends backends;
    BudgetService budgets;
    AlertDispatcher dispatcher;

    @BeforeEach
    void open() throws IOException {
        dir = Files.createTempDirectory("northstar-alerts-");
        backends = new EmbeddedBackends(dir, clock);
        budgets = new BudgetService(backends.router, clock, new AlertOutbox(backends.router, t -> List.of(all, hardOnly),
                (ctx, a) -> { }));
        WebhookSender sender = (hook, id, at, payload) -> {
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return WebhookSender.Outcome.failed(503, null);
            }
            sent.add(hook.url().getHost() + " " + id + " " + payload.get("type"));
            return WebhookSender.Outcome.ok(204);
        };
        dispatcher = new AlertDispatcher(backends.router, clock, () -> List.of(acme), t -> List.of(all, hardOnly), sender);
    }

    @AfterEach
    void close() throws IOException {
        backends.close();
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void eachWebhookGetsTheAlertsItWantsOnceTheyAnswered() {
        budgets.setLimits(acme, "openai", "tokens", 5.0, 10.0);
        budgets.recordUsage(acme, "openai", "tokens", 6);
        budgets.recordUsage(acme, "openai", "tokens", 4);

        assertThat(dispatcher.deliverDue()).isEqualTo(3);
        assertThat(dispatcher.deliverDue()).as("nothing is left").isZero();

        String soft = alertId("SOFT_LIMIT_REACHED");
        String hard = alertId("HARD_LIMIT_REACHED");
        assertThat(sent).containsExactlyInAnyOrder("a.example " + soft + " budget.soft_limit_reached",
                "a.example " + hard + " budget.hard_limit_reached", "b.example " + hard + " budget.hard_limit_reached");
        assertThat(alerts()).extracting(i -> i.string("state")).containsOnly("delivered");
    }

    @Test
    void aFailedDeliveryIsTriedAgainAfterItsBackoffUnderTheSameId() {
        budgets.setLimits(acme, "openai", "tokens", 5.0, null);
        failuresLeft.set(2);
        budgets.recordUsage(acme, "openai", "tokens", 6);

        assertThat(dispatcher.deliverDue()).isZero(); // the first attempt fails
        assertThat(dispatcher.deliverDue()).as("not due before its backoff").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(dispatcher.deliverDue()).as("the second attempt fails too").isZero();
        clock.advance(Duration.ofSeconds(2));
        assertThat(dispatcher.deliverDue()).isEqualTo(1);

        TabularItem alert = alerts().getFirst();
        assertThat(alert.string("state")).isEqualTo("delivered");
        assertThat(alert.number("attempts")).isEqualTo(3.0);
        assertThat(sent).containsExactly("a.example " + alertId("SOFT_LIMIT_REACHED") + " budget.soft_limit_reached");
    }

    @Test
    void anAlertNoWebhookTakesIsGivenUpAfterTheLastAttempt() {
        budgets.setLimits(acme, "openai", "tokens", 5.0, null);
        failuresLeft.set(Integer.MAX_VALUE);
        budgets.recordUsage(acme, "openai", "tokens", 6);

        List<Long> pauses = new ArrayList<>();
        for (int i = 0; i < AlertDispatcher.MAX_ATTEMPTS; i++) {
            dispatcher.deliverDue();
            TabularItem a = alerts().getFirst();
            if (a.string("state").equals("pending")) {
                long pause = a.number("next_attempt_at").longValue() - clock.instant().toEpochMilli();
                pauses.add(pause);
                clock.advance(Duration.ofMillis(pause));
            }
        }

        TabularItem gaveUp = alerts().getFirst();
        assertThat(gaveUp.string("state")).isEqualTo("failed");
        assertThat(gaveUp.string("last_error")).contains("HTTP 503").doesNotContain("whsec");
        assertThat(pauses).hasSize(AlertDispatcher.MAX_ATTEMPTS - 1);
        assertThat(pauses.getFirst()).isBetween(500L, 1000L);
        assertThat(pauses.getLast()).isBetween(AlertDispatcher.LAST_RETRY.toMillis() / 2, AlertDispatcher.LAST_RETRY.toMillis());
        assertThat(sent).isEmpty();
    }

    private List<TabularItem> alerts() {
        return backends.router.tabular(acme).store().list(new TableRef("acme", AlertMapping.TABLE), AlertMapping.PREFIX,
                PageRequest.first(100)).items();
    }

    private String alertId(String kind) {
        return alerts().stream().filter(i -> kind.equals(i.string("kind"))).findFirst().orElseThrow().string("alert_id");
    }

}
