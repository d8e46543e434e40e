package northstar.application.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import northstar.domain.attribution.AttributionContract;
import northstar.domain.attribution.UtmField;
import northstar.domain.attribution.Violation;
import northstar.domain.attribution.Violation.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UtmValidatorTest {
    final AttributionContract google = new AttributionContract("c1", "t", "google_ads",
            Map.of(UtmField.SOURCE, "google", UtmField.MEDIUM, "cpc"), Set.of(UtmField.CAMPAIGN, UtmField.TERM), 1,
            Instant.EPOCH, Instant.EPOCH);

    @ParameterizedTest
    @ValueSource(strings = {"{campaignid}", "{{campaign.name}}", "__CAMPAIGN_NAME__", "{lpurl}", "spring_{keyword}",
            "{{ad.id}}_x", "{creative}"})
    void unfilledPlatformMacrosAreRejected(String value) {
        List<Violation> v = UtmValidator.validate(google, Map.of("source", "google", "medium", "cpc", "campaign", value));

        assertThat(v).extracting(Violation::kind).containsExactly(Kind.UNFILLED_MACRO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spring_sale", "50% off", "a{b", "__init", "Q1_PROMO", "{}", "x}y{"})
    void ordinaryValuesAreNotMistakenForMacros(String value) {
        assertThat(UtmValidator.validate(google, Map.of("source", "google", "medium", "cpc", "campaign", value))).isEmpty();
    }

    @Test
    void fixedValuesMustMatchExactly() {
        assertThat(UtmValidator.validate(google, Map.of("utm_source", "Google", "utm_medium", "cpc")))
                .extracting(Violation::field, Violation::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("source", Kind.MISMATCH));
    }

    @Test
    void theDefaultsShipForEveryAdPlatform() {
        DefaultContracts defaults = DefaultContracts.load();
        assertThat(defaults.platforms()).containsExactlyInAnyOrder("google_ads", "facebook", "linkedin", "twitter", "tiktok");
        assertThat(defaults.forTenant("t", "facebook").source()).isEqualTo("facebook");
        assertThat(defaults.forTenant("t", "google_ads").allowedFields())
                .containsExactlyInAnyOrder(UtmField.CAMPAIGN, UtmField.CONTENT, UtmField.TERM);
        assertThat(defaults.forTenant("t", "myspace")).isNull();
    }
}
