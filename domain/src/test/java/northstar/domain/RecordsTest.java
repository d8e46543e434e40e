package northstar.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.EventStatus;
import northstar.domain.analytics.Platform;
import northstar.domain.budget.BudgetUsageRecord;
import northstar.domain.tabular.TabularKey;
import org.junit.jupiter.api.Test;

class RecordsTest {
    final Dimensions dims = new Dimensions("app", null, Platform.WEB, null, null, null, null);

    @Test
    void identifiersCannotCarryKeySeparators() {
        for (String bad : new String[] {"a:b", "a/b", "a#b", "a b", "", "-lead"}) {
            assertThatThrownBy(() -> new Dimensions("app", null, Platform.WEB, bad, null, null, null)).as(bad)
                    .isInstanceOf(StoreException.InvalidArgument.class);
        }
        assertThatThrownBy(() -> new RequestContext("Acme", Mode.LAB, "dev", "p", null, null))
                .isInstanceOfSatisfying(StoreException.InvalidArgument.class, e -> assertThat(e.field()).isEqualTo("tenant_id"));
    }

    @Test
    void timestampsKeepMicrosecondsAndStayWithinPortableYears() {
        Instant t = Instant.parse("2026-01-01T00:00:00.123456789Z");
        AnalyticsRecord r = new AnalyticsRecord("id", "t", Mode.LAB, "p", dims, null, Map.of(), null, EventStatus.SUCCESS,
                null, t, t);

        assertThat(r.timestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
        assertThat(AnalyticsRecord.fromEpochMicros(AnalyticsRecord.epochMicros(r.timestamp()))).isEqualTo(r.timestamp());
        assertThatThrownBy(() -> new AnalyticsRecord("id", "t", Mode.LAB, "p", dims, null, Map.of(), null,
                EventStatus.SUCCESS, null, Instant.parse("1969-12-31T23:59:59Z"), t))
                .isInstanceOf(StoreException.InvalidArgument.class);
    }

    @Test
    void aSuccessCarriesNoErrorMessage() {
        Instant t = Instant.now();
        assertThatThrownBy(() -> new AnalyticsRecord("id", "t", Mode.LAB, "p", dims, null, Map.of(), null,
                EventStatus.SUCCESS, "oops", t, t)).isInstanceOf(StoreException.InvalidArgument.class);
    }

    @Test
    void limitsAreFiniteOrderedAndNotNegative() {
        Instant t = Instant.now();
        assertThatThrownBy(() -> new BudgetUsageRecord("t", "p", "openai", "tokens", 0, 10.0, 5.0, t, t))
                .isInstanceOf(StoreException.InvalidArgument.class);
        assertThatThrownBy(() -> BudgetUsageRecord.checkLimits(null, Double.POSITIVE_INFINITY))
                .isInstanceOf(StoreException.InvalidArgument.class);
        assertThatThrownBy(() -> BudgetUsageRecord.checkLimits(-1.0, null)).isInstanceOf(StoreException.InvalidArgument.class);
        BudgetUsageRecord atLimit = new BudgetUsageRecord("t", "p", "openai", "tokens", 10, 5.0, 10.0, t, t);
        assertThat(atLimit.softExceeded()).isTrue();
        assertThat(atLimit.hardExceeded()).isTrue();
    }

    @Test
    void tabularKeysAreOneLine() {
        assertThatThrownBy(() -> new TabularKey("t", "tbl", "a\nb")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> new TabularKey("t", "tbl", "")).isInstanceOf(StoreException.class);
    }
}
