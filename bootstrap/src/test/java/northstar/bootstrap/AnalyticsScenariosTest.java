package northstar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import northstar.application.analytics.BatchItemResult;
import northstar.application.attribution.ContractRules;
import northstar.application.analytics.IngestReceipt;
import northstar.application.analytics.NewEvent;
import northstar.domain.ErrorCode;
import northstar.domain.Mode;
import northstar.domain.PageRequest;
import northstar.domain.StoreException;
import northstar.domain.analytics.AnalyticsQuery;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.EventStatus;
import northstar.domain.analytics.GateRejected;
import northstar.domain.analytics.Platform;
import northstar.domain.analytics.UsageReport;
import northstar.domain.analytics.Utm;
import northstar.domain.attribution.UtmField;
import org.junit.jupiter.api.Test;

/** Scenarios B1, B2, B3 and I4 of the design, and ingest idempotency. */
class AnalyticsScenariosTest extends LabHarness {
    static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    static NewEvent event(String id, Instant at, Utm utm, UsageReport usage) {
        return new NewEvent(id, new Dimensions("agent_builder", "canvas", Platform.WEB, "s_abc123", "req-9", "run-1",
                "step_1"), utm, Map.of("action", "click", "count", 2L), usage, EventStatus.SUCCESS, null, at);
    }

    List<AnalyticsRecord> day() {
        return app.analytics().query(lab, new AnalyticsQuery(T.minusSeconds(86400), T.plusSeconds(86400),
                Optional.empty(), Optional.empty(), PageRequest.first(1000))).items();
    }

    @Test
    void b1AnEventIsStoredWithItsDimensionsAndUtmAndFoundByTimeAppAndPlatform() {
        Utm utm = new Utm("google", "cpc", "spring_sale", "ad_42", "running shoes");
        IngestReceipt receipt = app.analytics().ingest(lab, event(null, T, utm, null));

        assertThat(receipt.status()).isEqualTo(EventStatus.SUCCESS);
        assertThat(receipt.replayed()).isFalse();
        AnalyticsRecord stored = app.analytics().get(lab, receipt.analyticsId());
        assertThat(stored.tenantId()).isEqualTo("acme");
        assertThat(stored.mode()).isEqualTo(Mode.LAB);
        assertThat(stored.projectId()).isEqualTo("proj-1");
        assertThat(stored.dimensions()).isEqualTo(new Dimensions("agent_builder", "canvas", Platform.WEB, "s_abc123",
                "req-9", "run-1", "step_1"));
        assertThat(stored.utm()).isEqualTo(utm);
        assertThat(stored.payload()).isEqualTo(Map.of("action", "click", "count", 2L));
        assertThat(stored.timestamp()).isEqualTo(T);
        assertThat(app.analytics().query(lab, new AnalyticsQuery(T, T.plusSeconds(1), Optional.of("agent_builder"),
                Optional.of(Platform.WEB), PageRequest.first(10))).items()).containsExactly(stored);
        assertThat(app.analytics().query(lab, new AnalyticsQuery(T, T.plusSeconds(1), Optional.empty(),
                Optional.of(Platform.MOBILE), PageRequest.first(10))).items()).isEmpty();
    }

    @Test
    void b2AnEventRefusedByTheAttributionGateIsStoredAsGatechainerrorAndReported() {
        Utm wrongMedium = new Utm("google", "email", "spring_sale", null, null);

        assertThatThrownBy(() -> app.analytics().ingest(lab, event("evt-b2", T, wrongMedium, null)))
                .isInstanceOfSatisfying(GateRejected.class, e -> {
                    assertThat(e.analyticsId()).isEqualTo("evt-b2");
                    assertThat(e.gate()).isEqualTo("attribution");
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                });

        AnalyticsRecord stored = app.analytics().get(lab, "evt-b2");
        assertThat(stored.status()).isEqualTo(EventStatus.GATECHAINERROR);
        assertThat(stored.errorMessage()).startsWith("gate attribution: google_ads contract:")
                .contains("medium must be cpc");
        assertThat(stored.utm()).isEqualTo(wrongMedium);
    }

    @Test
    void b2UnfilledMacrosAreRefusedToo() {
        assertThatThrownBy(() -> app.analytics().ingest(lab,
                event("macro", T, new Utm("google", "cpc", "{campaignid}", null, null), null)))
                .isInstanceOf(GateRejected.class);

        assertThat(app.analytics().get(lab, "macro").errorMessage()).contains("unfilled platform macro");
    }

    /** The design validates against contracts that exist: email, newsletters and partners are everyday traffic. */
    @Test
    void aSourceNoContractFixesIsStoredUnvalidatedAndTheReceiptSaysWhichContractValidated() {
        var newsletter = app.analytics().ingest(lab, event("newsletter", T,
                new Utm("newsletter", "email", "weekly", null, null), null));
        var noSource = app.analytics().ingest(lab, event("no-source", T, new Utm(null, "email", "weekly", null, null),
                null));
        var google = app.analytics().ingest(lab, event("google", T, new Utm("google", "cpc", "spring", null, null), null));

        assertThat(newsletter.status()).isEqualTo(EventStatus.SUCCESS);
        assertThat(newsletter.validatedBy()).as("no contract fixes newsletter").isNull();
        assertThat(noSource.status()).isEqualTo(EventStatus.SUCCESS);
        assertThat(google.validatedBy()).isEqualTo("google_ads");
        assertThat(app.analytics().get(lab, "newsletter").status()).isEqualTo(EventStatus.SUCCESS);
        assertThat(app.analytics().get(lab, "newsletter").utm().source()).isEqualTo("newsletter");
    }

    @Test
    void b2AnEventRefusedByTheBudgetGateIsStoredAndChargesNothing() {
        app.budgets().setLimits(lab, "openai", "tokens", 500.0, 1000.0);
        app.analytics().ingest(lab, event("llm-1", T, Utm.NONE, new UsageReport("openai", "tokens", 900)));

        assertThatThrownBy(() -> app.analytics().ingest(lab, event("llm-2", T.plusSeconds(1), Utm.NONE,
                new UsageReport("openai", "tokens", 200))))
                .isInstanceOfSatisfying(GateRejected.class, e -> {
                    assertThat(e.analyticsId()).isEqualTo("llm-2");
                    assertThat(e.gate()).isEqualTo("budget");
                    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
                });

        assertThat(app.analytics().get(lab, "llm-2").status()).isEqualTo(EventStatus.GATECHAINERROR);
        assertThat(app.analytics().get(lab, "llm-2").errorMessage()).startsWith("gate budget:");
        assertThat(app.budgets().get(lab, "openai", "tokens").orElseThrow().usage()).isEqualTo(900.0);
    }

    @Test
    void b3TheEventsOfARunComeInNaturalStepOrder() {
        List<Integer> steps = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            steps.add(i);
        }
        Collections.shuffle(steps, new Random(3));
        for (int i : steps) {
            app.analytics().ingest(lab, new NewEvent("run9-" + i, new Dimensions("agent_builder", "timeline",
                    Platform.API, "s_1", null, "run-9", "step_" + i), Utm.NONE, Map.of(), null, null, null,
                    T.plusSeconds(100 - i)));
        }
        app.analytics().ingest(otherTenant, new NewEvent(null, new Dimensions("agent_builder", null, Platform.API, null,
                null, "run-9", "step_0"), Utm.NONE, Map.of(), null, null, null, T));

        List<String> order = new ArrayList<>();
        PageRequest page = PageRequest.first(5);
        while (true) {
            var p = app.analytics().eventsOfRun(lab, "run-9", page);
            p.items().forEach(r -> order.add(r.dimensions().stepId()));
            if (p.nextCursor().isEmpty()) {
                break;
            }
            page = page.next(p.nextCursor().get());
        }

        assertThat(order).containsExactly("step_1", "step_2", "step_3", "step_4", "step_5", "step_6", "step_7",
                "step_8", "step_9", "step_10", "step_11", "step_12");
    }

    @Test
    void i4EverySuccessErrorAndGatechainerrorEventIsPersisted() {
        app.analytics().ingest(lab, event("ok", T, Utm.NONE, null));
        app.analytics().ingest(lab, new NewEvent("failed", new Dimensions("agent_builder", null, Platform.DESKTOP, null,
                null, null, null), Utm.NONE, Map.of(), null, EventStatus.ERROR, "tool crashed", T.plusSeconds(1)));
        List<BatchItemResult> batch = app.analytics().ingestBatch(lab, List.of(
                event("batch-ok", T.plusSeconds(2), new Utm("facebook", null, "launch", "video", null), null),
                event("batch-bad", T.plusSeconds(3), new Utm("facebook", "cpc", "launch", null, null), null)));

        assertThat(batch.get(0).ok()).isTrue();
        assertThat(batch.get(1).error()).isInstanceOf(GateRejected.class);
        assertThat(day()).extracting(AnalyticsRecord::analyticsId, AnalyticsRecord::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ok", EventStatus.SUCCESS),
                org.assertj.core.groups.Tuple.tuple("failed", EventStatus.ERROR),
                org.assertj.core.groups.Tuple.tuple("batch-ok", EventStatus.SUCCESS),
                org.assertj.core.groups.Tuple.tuple("batch-bad", EventStatus.GATECHAINERROR));
        assertThat(app.analytics().get(lab, "failed").errorMessage()).isEqualTo("tool crashed");
    }

    @Test
    void aRetryReturnsTheSameIdStoresNothingTwiceAndChargesOnce() {
        app.budgets().setLimits(lab, "anthropic", "calls", null, 10.0);
        NewEvent e = event("retry-1", T, Utm.NONE, new UsageReport("anthropic", "calls", 1));

        IngestReceipt first = app.analytics().ingest(lab, e);
        IngestReceipt second = app.analytics().ingest(lab, e);

        assertThat(first).isEqualTo(new IngestReceipt("retry-1", EventStatus.SUCCESS, false, false));
        assertThat(second).isEqualTo(new IngestReceipt("retry-1", EventStatus.SUCCESS, true, false));
        assertThat(day()).hasSize(1);
        assertThat(app.budgets().get(lab, "anthropic", "calls").orElseThrow().usage()).isEqualTo(1.0);
    }

    @Test
    void aRetryOfARefusedEventIsRefusedAgainWithTheSameId() {
        NewEvent bad = event("refused-1", T, new Utm("tiktok", "cpc", null, null, null), null);
        assertThatThrownBy(() -> app.analytics().ingest(lab, bad)).isInstanceOf(GateRejected.class);

        assertThatThrownBy(() -> app.analytics().ingest(lab, bad))
                .isInstanceOfSatisfying(GateRejected.class, r -> {
                    assertThat(r.analyticsId()).isEqualTo("refused-1");
                    assertThat(r.gate()).isEqualTo("attribution");
                });
        assertThat(day()).hasSize(1);
    }

    @Test
    void aDifferentEventUnderAUsedIdIsRefusedAndTheStoredOneKept() {
        app.analytics().ingest(lab, event("dup", T, Utm.NONE, null));

        assertThatThrownBy(() -> app.analytics().ingest(lab, event("dup", T.plusSeconds(5), Utm.NONE, null)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        assertThat(app.analytics().get(lab, "dup").timestamp()).isEqualTo(T);
    }

    @Test
    void theSameIdInAnotherTenantIsAnotherEvent() {
        app.analytics().ingest(lab, event("shared-id", T, Utm.NONE, null));
        app.analytics().ingest(otherTenant, event("shared-id", T, Utm.NONE, null));

        assertThat(app.analytics().get(otherTenant, "shared-id").tenantId()).isEqualTo("globex");
        assertThatThrownBy(() -> app.analytics().get(otherTenant, "only-acme")).isInstanceOf(StoreException.class);
        assertThat(day()).extracting(AnalyticsRecord::tenantId).containsOnly("acme");
    }

    @Test
    void badInputIsRefusedWithATypedErrorAndStoresNothing() {
        assertThatThrownBy(() -> new NewEvent(null, null, null, null, null, null, null, T))
                .isInstanceOfSatisfying(StoreException.InvalidArgument.class, e -> assertThat(e.field()).isEqualTo("app"));
        assertThatThrownBy(() -> new NewEvent(null, new Dimensions("a", null, Platform.WEB, null, null, null, null),
                null, null, null, EventStatus.GATECHAINERROR, "x", T)).isInstanceOf(StoreException.InvalidArgument.class);
        assertThatThrownBy(() -> app.analytics().ingest(lab, event("bad id with spaces", T, Utm.NONE, null)))
                .isInstanceOf(StoreException.InvalidArgument.class);
        assertThatThrownBy(() -> app.analytics().ingest(lab, event("future", Instant.parse("+10000-01-01T00:00:00Z"),
                Utm.NONE, null))).isInstanceOf(StoreException.InvalidArgument.class);
        assertThat(day()).isEmpty();
    }

    @Test
    void aContractChangeAppliesToTheVeryNextEvent() {
        Utm cpc = new Utm("google", "cpc", "spring", null, null);
        app.analytics().ingest(lab, event("before-change", T, cpc, null));

        app.attribution().save(lab, "google_ads", new ContractRules(Map.of(UtmField.SOURCE, "google",
                UtmField.MEDIUM, "ppc"), java.util.Set.of(UtmField.CAMPAIGN)));

        assertThatThrownBy(() -> app.analytics().ingest(lab, event("after-change", T.plusSeconds(1), cpc, null)))
                .isInstanceOf(GateRejected.class);
        assertThat(app.analytics().ingest(lab, event("ppc", T.plusSeconds(2), new Utm("google", "ppc", "x", null, null),
                null)).status()).isEqualTo(EventStatus.SUCCESS);
    }
}
