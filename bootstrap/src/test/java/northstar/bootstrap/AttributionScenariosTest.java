package northstar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import northstar.application.attribution.ContractRules;
import northstar.application.attribution.ValidationReport;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.domain.attribution.AttributionContract;
import northstar.domain.attribution.UtmField;
import northstar.domain.attribution.Violation;
import org.junit.jupiter.api.Test;

/** Scenarios B4 and B5 of the design, and UTM validation. */
class AttributionScenariosTest extends LabHarness {
    static final ContractRules REDDIT = new ContractRules(Map.of(UtmField.SOURCE, "reddit", UtmField.MEDIUM, "paid"),
            Set.of(UtmField.CAMPAIGN));

    @Test
    void b4ANewPlatformContractIsCreatedAtVersionOne() {
        AttributionContract saved = app.attribution().save(lab, "reddit", REDDIT);

        assertThat(saved.version()).isEqualTo(1);
        assertThat(saved.tenantId()).isEqualTo("acme");
        assertThat(saved.utmTemplate()).isEqualTo(REDDIT.utmTemplate());
        assertThat(saved.allowedFields()).containsExactly(UtmField.CAMPAIGN);
        assertThat(app.attribution().get(lab, "reddit")).contains(saved);
    }

    @Test
    void b4EveryChangeRaisesTheVersionAndAnUnchangedSaveDoesNot() {
        AttributionContract v1 = app.attribution().save(lab, "reddit", REDDIT);
        AttributionContract same = app.attribution().save(lab, "reddit", REDDIT);
        AttributionContract v2 = app.attribution().save(lab, "reddit", new ContractRules(REDDIT.utmTemplate(),
                Set.of(UtmField.CAMPAIGN, UtmField.CONTENT)));

        assertThat(same).isEqualTo(v1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.contractId()).isEqualTo(v1.contractId());
        assertThat(v2.createdAt()).isEqualTo(v1.createdAt());
        assertThat(app.attribution().get(lab, "reddit").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void b5ShippedDefaultsServeEveryAdPlatformUntilATenantReplacesOne() {
        assertThat(app.attribution().list(lab)).extracting(AttributionContract::platform)
                .containsExactly("facebook", "google_ads", "linkedin", "tiktok", "twitter");
        AttributionContract google = app.attribution().get(lab, "google_ads").orElseThrow();
        assertThat(google.utmTemplate()).isEqualTo(Map.of(UtmField.SOURCE, "google", UtmField.MEDIUM, "cpc"));
        assertThat(google.version()).isEqualTo(1);

        AttributionContract replaced = app.attribution().save(lab, "google_ads", new ContractRules(
                Map.of(UtmField.SOURCE, "google", UtmField.MEDIUM, "ppc"), Set.of(UtmField.CAMPAIGN)));

        assertThat(replaced.version()).isEqualTo(2);
        assertThat(app.attribution().get(lab, "google_ads")).contains(replaced);
        assertThat(app.attribution().get(otherTenant, "google_ads").orElseThrow().utmTemplate())
                .containsEntry(UtmField.MEDIUM, "cpc");
        assertThat(app.attribution().get(lab, "snapchat")).isEmpty();
    }

    @Test
    void validationReportsEveryKindOfViolation() {
        ValidationReport ok = app.attribution().validate(lab, "google_ads",
                Map.of("utm_source", "google", "utm_medium", "cpc", "utm_campaign", "spring", "utm_term", "shoes"));
        ValidationReport bad = app.attribution().validate(lab, "linkedin", Map.of("source", "linkedin",
                "medium", "cpc", "campaign", "{{campaign.name}}", "content", "x", "utm_id", "7"));
        ValidationReport missing = app.attribution().validate(lab, "google_ads", Map.of("campaign", "__CAMPAIGN_NAME__"));

        assertThat(ok.valid()).isTrue();
        assertThat(ok.violations()).isEmpty();
        assertThat(bad.valid()).isFalse();
        assertThat(bad.violations()).extracting(Violation::field, Violation::kind).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("medium", Violation.Kind.MISMATCH),
                org.assertj.core.groups.Tuple.tuple("campaign", Violation.Kind.UNFILLED_MACRO),
                org.assertj.core.groups.Tuple.tuple("content", Violation.Kind.NOT_ALLOWED),
                org.assertj.core.groups.Tuple.tuple("utm_id", Violation.Kind.UNKNOWN_FIELD));
        assertThat(missing.violations()).extracting(Violation::kind).containsExactlyInAnyOrder(
                Violation.Kind.MISSING, Violation.Kind.MISSING, Violation.Kind.UNFILLED_MACRO);
        assertThat(app.attribution().validate(lab, "google_ads", Map.of("source", "google", "medium", "cpc",
                "campaign", "{lpurl}")).valid()).isFalse();
    }

    @Test
    void aContractMayNotClaimAnotherPlatformsSourceNorFixAndAllowOneField() {
        assertThatThrownBy(() -> app.attribution().save(lab, "google_search", new ContractRules(
                Map.of(UtmField.SOURCE, "google"), Set.of())))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION));
        assertThatThrownBy(() -> app.attribution().save(lab, "reddit", new ContractRules(
                Map.of(UtmField.SOURCE, "reddit"), Set.of(UtmField.SOURCE))))
                .isInstanceOf(StoreException.InvalidArgument.class);
        assertThatThrownBy(() -> app.attribution().save(lab, "reddit", new ContractRules(
                Map.of(UtmField.MEDIUM, "paid"), Set.of()))).isInstanceOf(StoreException.InvalidArgument.class);
        assertThat(app.attribution().get(lab, "reddit")).isEmpty();
        assertThatThrownBy(() -> app.attribution().validate(lab, "nowhere", Map.of()))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
