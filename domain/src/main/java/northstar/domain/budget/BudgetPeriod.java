package northstar.domain.budget;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;
import northstar.domain.StoreException;

/**
 * How a budget's usage is counted over time: for its lifetime ({@link Kind#NONE}), or per day, week
 * or month of a time zone. A window begins at local midnight (of the week's first day, of the
 * month's 1st) in that zone, so its length follows the zone's calendar: a Europe/Berlin day is 23 or
 * 25 hours long on the days the clocks change. A window is named by its start, so a new window's
 * counter starts at zero by itself, with nothing to reset.
 */
public record BudgetPeriod(Kind kind, ZoneId timezone, DayOfWeek weekStart) {
    public static final BudgetPeriod LIFETIME = new BudgetPeriod(Kind.NONE, ZoneId.of("UTC"), DayOfWeek.MONDAY);

    public enum Kind {
        NONE, DAY, WEEK, MONTH;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A window: from start (inclusive) to end (exclusive); for NONE, from the epoch, with no end. */
    public record Window(Instant start, Instant end) {
        public boolean contains(Instant t) {
            return !t.isBefore(start) && (end == null || t.isBefore(end));
        }
    }

    public BudgetPeriod {
        Objects.requireNonNull(kind, "period");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(weekStart, "week_start");
    }

    /**
     * The period as the API names it: period none, day, week or month (default none), an IANA time
     * zone (default UTC) and, for weeks, the first day (default monday); INVALID_ARGUMENT naming the
     * field otherwise.
     */
    public static BudgetPeriod of(String period, String timezone, String weekStart) {
        Kind kind;
        try {
            kind = period == null ? Kind.NONE : Kind.valueOf(period.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw StoreException.invalid("period", "must be none, day, week or month");
        }
        ZoneId zone;
        try {
            zone = timezone == null ? ZoneId.of("UTC") : ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw StoreException.invalid("timezone", "must be an IANA time zone, e.g. Europe/Berlin");
        }
        DayOfWeek first;
        try {
            first = weekStart == null ? DayOfWeek.MONDAY : DayOfWeek.valueOf(weekStart.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw StoreException.invalid("week_start", "must be a day of the week, e.g. monday");
        }
        if (weekStart != null && kind != Kind.WEEK) {
            throw StoreException.invalid("week_start", "applies to period week only");
        }
        return new BudgetPeriod(kind, zone, first);
    }

    /** The first day of a week as the API names it (monday ... sunday). */
    public String weekStartName() {
        return weekStart.name().toLowerCase(Locale.ROOT);
    }

    /** An instant as the API shows a window's bounds: an RFC 3339 time with the zone's offset at that instant. */
    public String format(Instant t) {
        return t.atZone(timezone).toOffsetDateTime().format(RFC_3339);
    }

    private static final java.time.format.DateTimeFormatter RFC_3339 =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);

    /** The window holding the instant. */
    public Window windowOf(Instant t) {
        if (kind == Kind.NONE) {
            return new Window(Instant.EPOCH, null);
        }
        LocalDate day = t.atZone(timezone).toLocalDate();
        LocalDate first = switch (kind) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(weekStart));
            case MONTH -> day.withDayOfMonth(1);
            case NONE -> throw new IllegalStateException();
        };
        LocalDate next = switch (kind) {
            case DAY -> first.plusDays(1);
            case WEEK -> first.plusWeeks(1);
            case MONTH -> first.plusMonths(1);
            case NONE -> throw new IllegalStateException();
        };
        return new Window(startOf(first), startOf(next));
    }

    /** Local midnight of a day in the zone (or the first instant after it, where midnight does not exist). */
    private Instant startOf(LocalDate day) {
        ZonedDateTime midnight = day.atStartOfDay(timezone);
        return midnight.toInstant();
    }
}
