package northstar.application.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import northstar.application.UseCaseTest;
import northstar.domain.PageRequest;
import northstar.domain.ProjectScope;
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
                step == null ? Map.of() : Map.of("step", step), usage, null, null, Instant.parse("2026-01-10T12:00:00Z"));
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

    @Test
    void aRunsSummaryReadsAtMostItsBoundAndSaysSo() {
        List<NewEvent> batch = new java.util.ArrayList<>();
        for (int i = 0; i < RunSummary.MAX_EVENTS + 250; i++) {
            batch.add(step("r-big", "step-" + (i / 100), i % 100 == 0 ? new UsageReport("openai", "calls", 1) : null));
            if (batch.size() == 500) {
                analytics.ingestBatch(acme, batch);
                batch.clear();
            }
        }
        analytics.ingestBatch(acme, batch);
        analytics.ingestBatch(acme, List.of(step("r-small", null, null), step("r-small", "step-1", null)));

        RunSummary big = analytics.summarizeRun(acme, ProjectScope.of(acme), "r-big");
        RunSummary small = analytics.summarizeRun(acme, ProjectScope.of(acme), "r-small");

        assertThat(big.truncated()).isTrue();
        assertThat(big.events()).isEqualTo(RunSummary.MAX_EVENTS);
        assertThat(big.steps()).hasSize(RunSummary.MAX_EVENTS / 100);
        assertThat(big.steps().getLast().stepId()).as("the first steps in natural order").isEqualTo("step-99");
        assertThat(big.usage()).singleElement().extracting(RunSummary.UsageTotal::amount)
                .as("one charged event a step, of the steps read").isEqualTo((double) RunSummary.MAX_EVENTS / 100);
        assertThat(small.truncated()).isFalse();
        assertThat(small.steps()).extracting(RunSummary.Step::stepId).hasSize(2).contains("step-1");
        assertThatThrownBy(() -> analytics.summarizeRun(globex, ProjectScope.of(globex), "r-small"))
                .as("another tenant's run").isInstanceOf(northstar.domain.StoreException.class);
    }
}
