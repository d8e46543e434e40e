package northstar.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import northstar.domain.budget.BudgetPeriod;
import org.junit.jupiter.api.Test;

/** Budget windows follow the calendar of their time zone: local midnights, DST days, month starts. */
class BudgetPeriodTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aBerlinDayIs23And25HoursLongOnTheDaysTheClocksChange() {
        BudgetPeriod day = BudgetPeriod.of("day", "Europe/Berlin", null);
        var spring = day.windowOf(ZonedDateTime.of(2026, 3, 29, 12, 0, 0, 0, BERLIN).toInstant());
        var autumn = day.windowOf(ZonedDateTime.of(2026, 10, 25, 12, 0, 0, 0, BERLIN).toInstant());
        var plain = day.windowOf(ZonedDateTime.of(2026, 6, 1, 12, 0, 0, 0, BERLIN).toInstant());

        assertThat(Duration.between(spring.start(), spring.end())).isEqualTo(Duration.ofHours(23));
        assertThat(Duration.between(autumn.start(), autumn.end())).isEqualTo(Duration.ofHours(25));
        assertThat(Duration.between(plain.start(), plain.end())).isEqualTo(Duration.ofHours(24));
        assertThat(spring.start()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(autumn.end()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
    }

    @Test
    void aSaoPauloMonthStartsAtLocalMidnightOfThe1st() {
        BudgetPeriod month = BudgetPeriod.of("month", "America/Sao_Paulo", null);
        var march = month.windowOf(Instant.parse("2026-03-31T23:30:00Z")); // 20:30 on the 31st, local

        assertThat(march.start()).isEqualTo(Instant.parse("2026-03-01T03:00:00Z"));
        assertThat(march.end()).isEqualTo(Instant.parse("2026-04-01T03:00:00Z"));
        assertThat(month.windowOf(Instant.parse("2026-04-01T03:00:00Z")).start()).as("the next window's first instant")
                .isEqualTo(march.end());
        assertThat(month.windowOf(Instant.parse("2026-04-01T02:59:59.999Z")).start()).isEqualTo(march.start());
    }

    @Test
    void aWeekStartsOnItsFirstDayAndWindowsTileTime() {
        BudgetPeriod sundays = BudgetPeriod.of("week", "UTC", "sunday");
        var w = sundays.windowOf(Instant.parse("2026-12-02T10:00:00Z")); // a Wednesday
        assertThat(w.start()).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
        assertThat(w.end()).isEqualTo(Instant.parse("2026-12-06T00:00:00Z"));
        assertThat(BudgetPeriod.of("week", null, null).weekStart()).isEqualTo(DayOfWeek.MONDAY);

        BudgetPeriod day = BudgetPeriod.of("day", "Asia/Kolkata", null);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 400; i++) {
            var window = day.windowOf(t);
            assertThat(window.contains(t)).isTrue();
            assertThat(day.windowOf(window.end()).start()).isEqualTo(window.end());
            t = window.end();
        }
    }

    @Test
    void theLifetimePeriodIsOneWindowAndBadNamesAreRefusedByField() {
        assertThat(BudgetPeriod.of(null, null, null)).isEqualTo(BudgetPeriod.LIFETIME);
        assertThat(BudgetPeriod.LIFETIME.windowOf(Instant.parse("2999-01-01T00:00:00Z")).end()).isNull();
        for (String[] bad : new String[][] {{"hourly", null, null, "period"}, {"day", "Mars/Olympus", null, "timezone"},
                {"week", null, "funday", "week_start"}, {"day", null, "monday", "week_start"}}) {
            assertThatThrownBy(() -> BudgetPeriod.of(bad[0], bad[1], bad[2]))
                    .isInstanceOfSatisfying(StoreException.InvalidArgument.class, e -> assertThat(e.field()).isEqualTo(bad[3]));
        }
    }
}
