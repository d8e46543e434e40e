package northstar.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.analytics.EventBatch;
import northstar.domain.objects.PresignTtl;
import northstar.domain.tabular.TableRef;
import northstar.domain.tabular.TabularKey;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The rules every layer relies on are checked where the value is built, under the API's field names. */
class ValueObjectsTest {
    static void invalid(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StoreException.InvalidArgument.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void aBatchHoldsOneToMaxBatchEventsAndMappingKeepsItsBound() {
        invalid(() -> EventBatch.of(List.of()), "events");
        invalid(() -> EventBatch.of(null), "events");
        invalid(() -> EventBatch.of(Collections.nCopies(AnalyticsStore.MAX_BATCH + 1, "e")), "events");

        List<String> source = new ArrayList<>(List.of("a", "bb", "ccc"));
        EventBatch<String> batch = EventBatch.of(source);
        source.clear();
        assertThat(batch.events()).as("a copy, not a view").containsExactly("a", "bb", "ccc");
        assertThat(batch.map(String::length).events()).containsExactly(1, 2, 3);
        assertThat(EventBatch.of(Collections.nCopies(AnalyticsStore.MAX_BATCH, "e")).size())
                .isEqualTo(AnalyticsStore.MAX_BATCH);
    }

    @Test
    void aPresignLifetimeIsOneSecondToSevenDaysUnderOneName() {
        invalid(() -> new PresignTtl(Duration.ZERO), "ttl_seconds");
        invalid(() -> new PresignTtl(Duration.ofMillis(999)), "ttl_seconds");
        invalid(() -> new PresignTtl(Duration.ofDays(7).plusSeconds(1)), "ttl_seconds");
        invalid(() -> new PresignTtl(null), "ttl_seconds");
        invalid(() -> PresignTtl.ofSeconds(Long.MAX_VALUE), "ttl_seconds");
        invalid(() -> PresignTtl.ofSeconds(-5), "ttl_seconds");

        assertThat(PresignTtl.ofSeconds(7 * 24 * 3600).duration()).isEqualTo(PresignTtl.MAX);
        assertThat(PresignTtl.DEFAULT.duration()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aTableIsOneTenantsAndNamedOnce() {
        invalid(() -> new TableRef("Acme", "budgets"), "tenant_id");
        invalid(() -> new TableRef("acme", "bud gets"), "table");
        invalid(() -> new TabularKey("acme", "a/b", "k"), "table");
        assertThat(new TableRef("acme", "budgets").table()).isEqualTo("budgets");
    }
}
