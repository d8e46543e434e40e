package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console in a real browser: headless Chromium from Debian's packages, driven over the DevTools
 * protocol, against a service seeded here. The key is pasted into its labelled input as a user does;
 * then what the page shows is read from its DOM: the chart's points, the run's steps in natural order
 * with the refusing gate, budgets with gauges, the gallery (a PNG previewed, text and SVG only as
 * downloads), the campaign table. Also: no console error or CSP violation, every input labelled, Tab
 * reaches every control in order, and nothing wider than a 375 px screen. Screenshots are saved under
 * target/console for review.
 */
class ConsoleBrowserTest extends ServiceHarness {
    static final Path SHOTS = Path.of("target", "console");
    /** A 1x1 PNG. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    @Test
    void theConsoleShowsHoursRunBudgetsGalleryAndCampaigns() throws Exception {
        seed();
        try (Chromium browser = Chromium.start()) {
            String base = "http://127.0.0.1:" + service.port();
            browser.navigate(base + "/console");
            browser.eval("document.getElementById('key').value = '" + ACME + "';"
                    + " document.getElementById('key-form').requestSubmit(); true");
            browser.awaitTrue("document.body.dataset.loaded === 'true'", Duration.ofSeconds(20));
            assertThat(browser.eval("sessionStorage.getItem('northstar.key')").asText()).isEqualTo(ACME);
            assertThat(browser.eval("document.getElementById('key').value").asText()).as("not left in the input").isEmpty();

            // the same tab, with a range, a run and a session chosen by the address
            browser.navigate(base + "/console?from=2026-04-05T08:00&to=2026-04-05T12:00&run=run-console&session=s_console");
            browser.awaitTrue("document.body.dataset.ready === 'true'", Duration.ofSeconds(20));

            assertThat(strings(browser.eval("[...document.querySelectorAll('#chart g.point')].map(g => g.dataset.hour)")))
                    .containsExactly("2026-04-05T08:00:00Z", "2026-04-05T09:00:00Z", "2026-04-05T10:00:00Z");
            assertThat(strings(browser.eval("[...document.querySelectorAll('#chart g.point')].map(g => g.dataset.events)")))
                    .containsExactly("2", "3", "1");
            assertThat(browser.eval("document.querySelectorAll('#hours tbody tr').length").asInt()).isEqualTo(3);

            assertThat(strings(browser.eval("[...document.querySelectorAll('#timeline li')].map(li => li.dataset.step)")))
                    .containsExactly("step_1", "step_2", "step_10");
            assertThat(browser.eval("document.querySelector('#timeline li[data-step=step_10]').className").asText())
                    .isEqualTo("status-gatechainerror");
            assertThat(browser.eval("document.querySelector('#timeline li[data-step=step_10] .gate').textContent").asText())
                    .contains("budget");
            assertThat(browser.eval("document.querySelector('#timeline li[data-step=step_2]').className").asText())
                    .isEqualTo("status-error");

            assertThat(browser.eval("document.querySelectorAll('#budgets li[data-metric=tokens] meter').length").asInt())
                    .isEqualTo(1);
            assertThat(browser.eval("document.querySelector('#budgets li[data-metric=tokens]').textContent").asText())
                    .contains("resets");

            browser.awaitTrue("[...document.querySelectorAll('#gallery img')].every(i => i.complete)", Duration.ofSeconds(10));
            assertThat(browser.eval("document.querySelectorAll('#gallery img').length").asInt()).as("the PNG only").isEqualTo(1);
            assertThat(browser.eval("document.querySelector('#gallery img').naturalWidth").asInt()).isEqualTo(1);
            assertThat(browser.eval("document.querySelector('#gallery img').src").asText()).startsWith("blob:");
            assertThat(browser.eval("document.querySelectorAll('#gallery a.download').length").asInt())
                    .as("text and SVG are links to download, never shown inline").isEqualTo(2);
            assertThat(browser.eval("document.getElementById('session-overview').textContent").asText())
                    .contains("3 media");

            assertThat(browser.eval("document.querySelector('#campaigns tbody').textContent").asText())
                    .contains("newsletter").contains("spring");

            assertThat(browser.eval("[...document.querySelectorAll('input')].every(i => i.labels.length > 0)")
                    .asBoolean()).as("every input has a label").isTrue();
            browser.screenshot(SHOTS.resolve("console-1280.png"));

            // keyboard: Tab from the top reaches each control in document order
            browser.eval("document.activeElement.blur(); window.focus(); true");
            List<String> focused = new ArrayList<>();
            for (int i = 0; i < 40; i++) { // a datetime-local input takes a Tab per field (day, month, ...)
                browser.press("Tab", "Tab", 9, 0);
                focused.add(browser.eval("document.activeElement.id || document.activeElement.textContent.trim()")
                        .asText());
            }
            assertThat(focused).containsSubsequence("key", "Use key", "forget", "from", "to", "Show", "provider",
                    "Show", "run", "Show", "session", "Show");

            browser.viewport(375, 800, true);
            browser.awaitTrue("document.documentElement.clientWidth === 375", Duration.ofSeconds(5));
            assertThat(browser.eval("document.documentElement.scrollWidth").asInt()).as("no layout break at 375 px")
                    .isLessThanOrEqualTo(375);
            browser.screenshot(SHOTS.resolve("console-375.png"));

            assertThat(browser.errors).as("console errors and CSP violations").isEmpty();
        }

        Http.Response page = http.get("/console").send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("style-src 'self'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.text()).doesNotContain("<script>").doesNotContain("style=");
        assertThat(http.get("/console/secrets.json").send().status()).isEqualTo(404);
    }

    private void seed() throws InterruptedException {
        http.put("/v1/budgets/openai/tokens").key(ACME).json(Map.of("soft_limit", 50, "hard_limit", 100, "period", "day"))
                .send();
        List<Map<String, Object>> events = new ArrayList<>();
        String[][] rows = {
                {"c-1", "08:05", null, null}, {"c-2", "08:40", null, null},
                {"c-3", "09:01", "step_1", null}, {"c-4", "09:20", "step_2", "error"}, {"c-5", "09:50", null, null},
                {"c-6", "10:15", "step_10", "usage"}};
        for (String[] r : rows) {
            Map<String, Object> e = HttpScenarioSuite.doc("analytics_id", r[0], "app", "agent", "platform", "web",
                    "session_id", "s_console", "timestamp", "2026-04-05T" + r[1] + ":00Z", "utm_source", "newsletter",
                    "utm_medium", "email", "utm_campaign", "spring");
            if (r[2] != null) {
                e.put("run_id", "run-console");
                e.put("step_id", r[2]);
            }
            if ("error".equals(r[3])) {
                e.put("status", "error");
                e.put("error_message", "tool failed");
            }
            if ("usage".equals(r[3])) { // 500 against a hard limit of 100: stored, refused by the budget gate
                e.put("usage", Map.of("provider", "openai", "metric", "tokens", "amount", 500));
            }
            events.add(e);
        }
        http.post("/v1/analytics/events:batch").key(ACME).json(Map.of("events", events)).send();
        assertThat(http.post("/v1/media?session_id=s_console&user_id=u_1").key(ACME).bytes(PNG, "image/png").send()
                .status()).isEqualTo(201);
        assertThat(http.post("/v1/media?session_id=s_console&user_id=u_1").key(ACME)
                .bytes("notes".getBytes(), "text/plain").send().status()).isEqualTo(201);
        assertThat(http.post("/v1/media?session_id=s_console&user_id=u_1").key(ACME)
                .bytes("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".getBytes(),
                        "image/svg+xml").send().status()).isEqualTo(201);
        Instant until = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(until)) { // the counts are written once a second
            JsonNode r = http.get("/v1/analytics/report?from=2026-04-05T00:00:00Z&to=2026-04-06T00:00:00Z"
                    + "&granularity=day").key(ACME).send().json();
            if (r.get("series").size() == 1 && r.get("series").get(0).get("events").asLong() == 6) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the rollups did not count the seeded events within 20 s");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
