package northstar.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages of 1 MiB events out of a service whose heap is 128 MiB: a range query and a run query for
 * a thousand items each answer pages cut at 8 MiB, every event served whole, in order, page after
 * page (a page of all eighty would be 80 MiB, built whole it would not fit).
 */
class LargePagesProcessTest {
    static final int EVENTS = 80;
    static final int PAYLOAD = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void pagesOfOneMebibyteEventsAreServedWholeAndInOrderAtA128MibHeap() {
        int port = ServiceHarness.freePort();
        Path config = ConfigFiles.writeWith(dir, port, ConfigFiles.tenant("acme", "lab"), ConfigFiles.LAB_ROUTES, "data",
                "\"max_json_body_bytes\": 2097152,\n");
        String key = ConfigFiles.KEY + "acme";
        Instant t0 = Instant.now().minusSeconds(3600);
        try (ServiceProcess p = ServiceProcess.start(dir, List.of("-Xmx128m"), config.toString())) {
            p.awaitStdout("listening", Duration.ofSeconds(60));
            Http http = new Http("http://127.0.0.1:" + port);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                String id = String.format("big-%03d", i);
                ids.add(id);
                String blob = String.valueOf((char) ('a' + i % 26)).repeat(PAYLOAD);
                Http.Response r = http.post("/v1/analytics/events").key(key).json(Map.of("analytics_id", id, "app", "agent",
                        "platform", "web", "run_id", "run-big", "step_id", "step_" + i, "timestamp",
                        t0.plusSeconds(i).toString(), "payload", Map.of("blob", blob))).send();
                assertThat(r.status()).as(r.text()).isEqualTo(201);
            }

            String range = "/v1/analytics/events?limit=1000&start=" + t0 + "&end=" + t0.plusSeconds(EVENTS);
            assertThat(pageThrough(http, key, range)).containsExactlyElementsOf(ids);
            assertThat(pageThrough(http, key, "/v1/analytics/runs/run-big/events?limit=1000"))
                    .containsExactlyElementsOf(ids);

            assertThat(p.alive()).isTrue();
            assertThat(p.stderr() + p.stdout()).doesNotContain("OutOfMemoryError");
        }
    }

    /** Every page of the listing; checks each event's payload arrived whole. */
    private static List<String> pageThrough(Http http, String key, String first) {
        List<String> seen = new ArrayList<>();
        String path = first;
        int pages = 0;
        while (true) {
            Http.Response r = http.get(path).key(key).send();
            assertThat(r.status()).as(r.text().length() > 500 ? r.text().substring(0, 500) : r.text()).isEqualTo(200);
            assertThat(r.body().length).as("a page stays near its 8 MiB bound").isLessThan(9 * 1024 * 1024);
            JsonNode page = r.json();
            assertThat(page.get("items")).isNotEmpty();
            for (JsonNode item : page.get("items")) {
                String id = item.get("analytics_id").asText();
                int i = Integer.parseInt(id.substring(4));
                assertThat(item.get("payload").get("blob").asText())
                        .isEqualTo(String.valueOf((char) ('a' + i % 26)).repeat(PAYLOAD));
                seen.add(id);
            }
            pages++;
            JsonNode next = page.get("next_cursor");
            if (next == null || next.isNull()) {
                assertThat(pages).as("the bytes, not the count, cut the pages").isGreaterThanOrEqualTo(EVENTS / 8);
                return seen;
            }
            path = first + "&cursor=" + java.net.URLEncoder.encode(next.asText(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20");
            if (!first.contains("?")) {
                throw new AssertionError("a listing path has a query");
            }
        }
    }
}
