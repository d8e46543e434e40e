package northstar.application.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import northstar.application.UseCaseTest;
import northstar.domain.PageRequest;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.EventStatus;
import northstar.domain.analytics.Platform;
import northstar.domain.analytics.UsageReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ingest over real SQLite: a refused event is stored with the status saying why; a run reads in step order. */
class AnalyticsServiceTest extends UseCaseTest {
    AnalyticsService analytics;

    @BeforeEach
    void open() {
        analytics = useCases.analytics();
    }

    static NewEvent step(String run, String step, UsageReport usage) {
        return new NewEvent(null, new Dimensions("agent", "chat", Platform.WEB, "s-1", null, run, step), null,
                Map.of("step", step), usage, null, null, Instant.parse("2026-01-10T12:00:00Z"));
    }

    @Test
    void anEventOverTheHardLimitIsStoredAsAGateChainErrorAndCostsNothing() {
        backends.useCases.budgets().setLimits(acme, "openai", "tokens", null, 10.0);

        List<BatchItemResult> results = analytics.ingestBatch(acme, List.of(
                step("r-1", "1", new UsageReport("openai", "tokens", 8)),
                step("r-1", "2", new UsageReport("openai", "tokens", 8))));

        assertThat(results.get(0).ok()).isTrue();
        assertThat(results.get(1).ok()).as("the second would pass the hard limit").isFalse();
        List<AnalyticsRecord> run = analytics.eventsOfRun(acme, "r-1", PageRequest.first(10)).items();
        assertThat(run).extracting(AnalyticsRecord::status).containsExactly(EventStatus.SUCCESS,
                EventStatus.GATECHAINERROR);
        assertThat(run.get(1).errorMessage()).contains("openai");
        assertThat(backends.useCases.budgets().get(acme, "openai", "tokens").orElseThrow().usage()).isEqualTo(8.0);
    }

    @Test
    void aRunReadsInNaturalStepOrderWhateverTheIngestOrder() {
        analytics.ingestBatch(acme, List.of(step("r-2", "step-10", null), step("r-2", "step-2", null),
                step("r-2", "step-1", null)));

        assertThat(analytics.eventsOfRun(acme, "r-2", PageRequest.first(10)).items())
                .extracting(r -> r.dimensions().stepId()).containsExactly("step-1", "step-2", "step-10");
        assertThat(analytics.eventsOfRun(globex, "r-2", PageRequest.first(10)).items())
                .as("another tenant's run").isEmpty();
    }
}
