package northstar.application.budget;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import northstar.domain.budget.BudgetPeriod;
import northstar.domain.budget.BudgetUsageRecord;
import northstar.domain.tabular.TabularItem;
import northstar.domain.tabular.TabularKey;

/**
 * Budgets as tabular items: table budgets, key usage:{project}:{provider}:{metric}, one item per
 * budget holding its definition (limits, period), its counters and the markers of what has been
 * applied. Everything that must be checked together lives on this one item, so each change is one
 * atomic, conditional increment of the store:
 * <ul>
 * <li>a counter per window, {@code w:{period}:{window start, epoch seconds}} ({@code usage} for
 * period none): a window's counter is absent, that is zero, until its first increment, so a new
 * window starts at zero by itself. A counter holds what was used plus what live reservations hold
 * in that window, which is what the hard limit (attribute {@code hard_limit}) bounds;</li>
 * <li>idempotency tokens {@code idem:...} = "amount keep-until counter", recorded by the increment
 * they guard;</li>
 * <li>live reservations {@code res:{id}} = "amount expires-at counter created-at run step k|c"; the
 * step that ends one removes it and writes {@code end:{id}} = "committed|released|expired actual at
 * keep-until" and the res fields, pruned after keep-until (at once for a reservation made without a
 * key, once its ending call is answered; 24 h with a key); {@code late:{id}} for the commit of a
 * hold that had already expired;</li>
 * <li>{@code lifetime_base}: what counters of long-ended windows held when they were folded away.</li>
 * </ul>
 */
final class BudgetMapping {
    static final String TABLE = "budgets";
    static final String USAGE = "usage";
    static final String HARD_LIMIT = "hard_limit";
    static final String LIFETIME_BASE = "lifetime_base";
    static final String WINDOW = "w:";
    static final String RESERVATION = "res:";
    static final String END = "end:";
    static final String LATE = "late:";
    private static final String NONE = "-";

    private BudgetMapping() {
    }

    static TabularKey key(String tenantId, String projectId, String provider, String metric) {
        return new TabularKey(tenantId, TABLE, providerPrefix(projectId, provider) + metric);
    }

    static String providerPrefix(String projectId, String provider) {
        return "usage:" + projectId + ":" + provider + ":";
    }

    /** The definition's attributes (names, limits, period, times); counters and markers are not among them. */
    static Map<String, Object> definition(String tenantId, String projectId, String provider, String metric,
                                          Double softLimit, Double hardLimit, BudgetPeriod period, Instant createdAt,
                                          Instant updatedAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenant_id", tenantId);
        m.put("project_id", projectId);
        m.put("provider", provider);
        m.put("metric", metric);
        // an absent limit attribute is no limit: the store's ceiling check skips it
        if (softLimit != null) {
            m.put("soft_limit", softLimit);
        }
        if (hardLimit != null) {
            m.put(HARD_LIMIT, hardLimit);
        }
        if (period.kind() != BudgetPeriod.Kind.NONE) {
            m.put("period", period.kind().wireName());
            m.put("timezone", period.timezone().getId());
            if (period.kind() == BudgetPeriod.Kind.WEEK) {
                m.put("week_start", period.weekStartName());
            }
        }
        m.put("created_at", createdAt.toString());
        m.put("updated_at", updatedAt.toString());
        return m;
    }

    /** Whether an attribute belongs to the definition (replaced by a change of limits) rather than to the counts. */
    static boolean isDefinition(String attribute) {
        return switch (attribute) {
            case "tenant_id", "project_id", "provider", "metric", "soft_limit", HARD_LIMIT, "period", "timezone",
                 "week_start", "created_at", "updated_at" -> true;
            default -> false;
        };
    }

    static BudgetPeriod period(TabularItem item) {
        return BudgetPeriod.of(item.string("period"), item.string("timezone"), item.string("week_start"));
    }

    /** The counter that usage at instant t is added to. */
    static String counter(BudgetPeriod period, Instant t) {
        if (period.kind() == BudgetPeriod.Kind.NONE) {
            return USAGE;
        }
        return WINDOW + period.kind().wireName() + ":" + period.windowOf(t).start().getEpochSecond();
    }

    /** The period a counter counts by: the budget's, or the kind its name says if the period changed since. */
    static BudgetPeriod periodOf(TabularItem item, String counter) {
        BudgetPeriod p = period(item);
        if (counter.equals(USAGE)) {
            return p.kind() == BudgetPeriod.Kind.NONE ? p : BudgetPeriod.LIFETIME;
        }
        String kind = counter.substring(WINDOW.length(), counter.lastIndexOf(':'));
        return kind.equals(p.kind().wireName()) ? p : new BudgetPeriod(BudgetPeriod.Kind.valueOf(kind.toUpperCase(Locale.ROOT)),
                p.timezone(), p.weekStart());
    }

    /** The window a counter counts: from the budget's creation for the lifetime counter. */
    static BudgetPeriod.Window window(TabularItem item, String counter) {
        if (counter.equals(USAGE)) {
            return new BudgetPeriod.Window(Instant.parse(item.string("created_at")), null);
        }
        long start = Long.parseLong(counter.substring(counter.lastIndexOf(':') + 1));
        return periodOf(item, counter).windowOf(Instant.ofEpochSecond(start));
    }

    static boolean isCounter(String attribute) {
        return attribute.equals(USAGE) || attribute.startsWith(WINDOW);
    }

    /**
     * A reservation as its res: attribute records it (while live) or its end: attribute does (once
     * ended: the end step removes res: and writes end: = "kind actual at keep-until" and the res fields,
     * so an ended reservation costs one attribute, pruned at keep-until).
     *
     * @param keyed made under a client's Idempotency-Key (its end is kept 24 h, so the key keeps answering)
     * @param end   "kind actual at keep-until" once ended; null while live
     */
    record Hold(String id, double amount, Instant expiresAt, String counter, Instant createdAt, String runId,
                String stepId, boolean keyed, String end) {
        boolean live() {
            return end == null;
        }

        boolean expired(Instant now) {
            return !now.isBefore(expiresAt);
        }

        /** The end's kind: committed, released or expired; null while live. */
        String endKind() {
            return end == null ? null : end.split(" ", 2)[0];
        }

        /** The amount a committed end recorded. */
        double endAmount() {
            String[] p = end.split(" ");
            return p.length > 1 ? Double.parseDouble(p[1]) : 0;
        }

        String value() {
            return amount + " " + expiresAt.getEpochSecond() + " " + counter + " " + createdAt.toEpochMilli() + " "
                    + (runId == null ? NONE : runId) + " " + (stepId == null ? NONE : stepId) + " " + (keyed ? "k" : "c");
        }

        /** What the end: attribute records when this hold ends so, until keepUntil. */
        String endValue(String kind, double actual, Instant at, Instant keepUntil) {
            return kind + " " + actual + " " + at.getEpochSecond() + " " + keepUntil.getEpochSecond() + " " + value();
        }
    }

    static Optional<Hold> hold(TabularItem item, String id) {
        Object end = item.attributes().get(END + id);
        if (item.attributes().get(RESERVATION + id) instanceof String v) {
            return Optional.of(parseHold(id, v, end instanceof String e ? ended(id, e).end() : null));
        }
        return end instanceof String e ? Optional.of(ended(id, e)) : Optional.empty();
    }

    static List<Hold> holds(TabularItem item) {
        List<Hold> holds = new ArrayList<>();
        item.attributes().forEach((k, v) -> {
            if (k.startsWith(RESERVATION) || k.startsWith(END)) {
                String id = k.substring(k.indexOf(':') + 1);
                if (k.startsWith(RESERVATION) || !item.attributes().containsKey(RESERVATION + id)) {
                    hold(item, id).ifPresent(holds::add);
                }
            }
        });
        return holds;
    }

    /** When an ended reservation's end: (or late:) marker may go; never for a live hold. */
    static Optional<Instant> keepUntil(Object marker) {
        if (!(marker instanceof String s)) {
            return Optional.empty();
        }
        String[] p = s.split(" ");
        try {
            return p.length > 3 ? Optional.of(Instant.ofEpochSecond(Long.parseLong(p[3]))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Hold ended(String id, String end) {
        String[] p = end.split(" ", 5);
        Hold h = parseHold(id, p[4], null);
        return new Hold(id, h.amount(), h.expiresAt(), h.counter(), h.createdAt(), h.runId(), h.stepId(), h.keyed(),
                p[0] + " " + p[1]);
    }

    private static Hold parseHold(String id, String v, String end) {
        String[] p = v.split(" ");
        return new Hold(id, Double.parseDouble(p[0]), Instant.ofEpochSecond(Long.parseLong(p[1])), p[2],
                Instant.ofEpochMilli(Long.parseLong(p[3])), NONE.equals(p[4]) ? null : p[4],
                NONE.equals(p[5]) ? null : p[5], p.length > 6 && "k".equals(p[6]), end);
    }

    /** What was used in a counter's window: the counter less the live holds in it (expired or not). */
    static double used(TabularItem item, String counter) {
        double held = 0;
        for (Hold h : holds(item)) {
            if (h.live() && h.counter().equals(counter)) {
                held += h.amount();
            }
        }
        return number(item, counter) - held;
    }

    /** The budget as the API shows it at instant now: its current window's usage, holds and lifetime usage. */
    static BudgetUsageRecord fromItem(TabularItem item, Instant now) {
        BudgetPeriod period = period(item);
        String counter = counter(period, now);
        Instant createdAt = Instant.parse(item.string("created_at"));
        double lifetime = number(item, LIFETIME_BASE);
        for (Map.Entry<String, Object> a : item.attributes().entrySet()) {
            if (isCounter(a.getKey()) && a.getValue() instanceof Number n) {
                lifetime += n.doubleValue();
            }
        }
        double liveInCounter = 0;
        double held = 0;
        for (Hold h : holds(item)) {
            if (!h.live()) {
                continue;
            }
            lifetime -= h.amount();
            if (h.counter().equals(counter)) {
                liveInCounter += h.amount();
                if (!h.expired(now)) {
                    held += h.amount();
                }
            }
        }
        BudgetPeriod.Window window = period.kind() == BudgetPeriod.Kind.NONE ? new BudgetPeriod.Window(createdAt, null)
                : period.windowOf(now);
        return new BudgetUsageRecord(item.string("tenant_id"), item.string("project_id"), item.string("provider"),
                item.string("metric"), number(item, counter) - liveInCounter, item.number("soft_limit"),
                item.number(HARD_LIMIT), createdAt, Instant.parse(item.string("updated_at")), period, window, lifetime,
                held);
    }

    static double number(TabularItem item, String attribute) {
        Double n = item.number(attribute);
        return n == null ? 0 : n;
    }
}
