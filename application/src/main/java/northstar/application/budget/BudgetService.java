package northstar.application.budget;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import northstar.application.Paging;
import northstar.application.budget.BudgetMapping.Hold;
import northstar.application.routing.StoreRouter;
import northstar.domain.ErrorCode;
import northstar.domain.Identifiers;
import northstar.domain.RequestContext;
import northstar.domain.Retry;
import northstar.domain.StoreException;
import northstar.domain.alerts.BudgetAlert;
import northstar.domain.analytics.UsageReport;
import northstar.domain.budget.BudgetExceeded;
import northstar.domain.budget.BudgetPeriod;
import northstar.domain.budget.BudgetUsageRecord;
import northstar.domain.tabular.TableRef;
import northstar.domain.tabular.TabularItem;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TabularStore;
import northstar.domain.tabular.WriteCondition;

/**
 * Usage per provider and metric for a tenant's project, counted over the budget's lifetime or per
 * day, week or month of a time zone, with a soft limit (warn) and a hard limit (block), and
 * reservations that hold an estimate against the hard limit until the actual is committed.
 *
 * <p>Every change is one atomic, conditional increment of the budget's item (see
 * {@link BudgetMapping}): the increment of the counter of the window of its own instant, checked
 * against the hard limit and recording its idempotency marker in the same step. So with any number
 * of concurrent callers none is lost, none applies twice, the hard limit is never passed by an
 * increment or a reservation, and a new window starts at zero with no job to run. An increment that
 * would pass the hard limit is refused whole ({@link BudgetExceeded}) and changes nothing.
 */
public final class BudgetService {
    private static final System.Logger LOG = System.getLogger(BudgetService.class.getName());
    private static final int MAX_METRICS = 1000;
    private static final int MAX_SETTLED_PER_BUDGET = 10_000;
    /** The longest a reservation may hold. */
    public static final Duration MAX_RESERVATION_TTL = Duration.ofHours(24);
    /** Window counters kept on the item before those of windows long over are folded into lifetime_base. */
    private static final int FOLD_ABOVE = 40;
    private static final Duration FOLD_AFTER = Duration.ofDays(40);

    private final StoreRouter router;
    private final Clock clock;
    private final AlertSink alerts;
    private final ConcurrentMap<TabularKey, Queue<String>> settledTokens = new ConcurrentHashMap<>();

    /**
     * Told after every change that leaves a window at or past its soft or hard limit, and of every
     * overrun: not only at the crossing, so an alert lost to a crash is raised by the next change. It
     * keeps one alert per budget, window and kind ({@link BudgetAlert#id()}).
     */
    @FunctionalInterface
    public interface AlertSink {
        void raise(RequestContext ctx, BudgetAlert alert);
    }

    public BudgetService(StoreRouter router, Clock clock, AlertSink alerts) {
        this.router = router;
        this.clock = clock;
        this.alerts = alerts;
    }

    /** Sets (or clears, with null) the limits of a metric, keeping its usage and its period. */
    public BudgetUsageRecord setLimits(RequestContext ctx, String provider, String metric, Double softLimit,
                                       Double hardLimit) {
        return setLimits(ctx, provider, metric, softLimit, hardLimit, null);
    }

    /**
     * Sets the limits and the period of a metric, keeping what was counted: the current window of the
     * new period starts from what its counter holds (zero unless the period is unchanged).
     *
     * @param period null keeps the budget's period (none for a new budget)
     */
    public BudgetUsageRecord setLimits(RequestContext ctx, String provider, String metric, Double softLimit,
                                       Double hardLimit, BudgetPeriod period) {
        BudgetUsageRecord.checkLimits(softLimit, hardLimit);
        TabularStore store = router.tabular(ctx).store();
        TabularKey key = key(ctx, provider, metric);
        return Retry.untilWon(Retry.CONFLICTS, () -> {
            Optional<TabularItem> current = store.get(key);
            Instant now = clock.instant();
            BudgetPeriod p = period != null ? period : current.map(BudgetMapping::period).orElse(BudgetPeriod.LIFETIME);
            Instant createdAt = current.map(i -> Instant.parse(i.string("created_at"))).orElse(now);
            Map<String, Object> attributes = BudgetMapping.definition(ctx.tenantId(), ctx.projectId(), provider,
                    metric, softLimit, hardLimit, p, createdAt, now);
            // counters, tokens and reservations stay: a retry after new limits must still be a replay
            current.ifPresent(i -> i.attributes().forEach((k, v) -> {
                if (!BudgetMapping.isDefinition(k)) {
                    attributes.putIfAbsent(k, v);
                }
            }));
            try {
                TabularItem written = store.put(key, attributes,
                        current.map(i -> WriteCondition.ifVersion(i.version())).orElse(WriteCondition.IF_ABSENT));
                return Optional.of(BudgetMapping.fromItem(written, now));
            } catch (StoreException e) {
                if (e.code() != ErrorCode.ALREADY_EXISTS && e.code() != ErrorCode.FAILED_PRECONDITION) {
                    throw e;
                }
                return Optional.<BudgetUsageRecord>empty(); // an increment or another update came first: read again
            }
        }, () -> new StoreException(ErrorCode.UNAVAILABLE, "budget " + provider + "/" + metric
                + " is being changed concurrently; retry"));
    }

    /** Adds usage; refuses (changing nothing) when the hard limit would be passed. */
    public UsageOutcome recordUsage(RequestContext ctx, String provider, String metric, double amount) {
        return recordUsage(ctx, provider, metric, amount, UsageToken.forCall());
    }

    /**
     * Adds usage to the current window once per token: a repeat of the token (a retry, a replay,
     * another instance, even after the window ended) changes nothing and answers
     * {@link UsageOutcome#replayed()}; a client's key repeated with another amount is ALREADY_EXISTS.
     * Refuses (changing nothing) when used + held + amount would pass the hard limit; a refused
     * increment records no token, so its retry is decided again.
     */
    public UsageOutcome recordUsage(RequestContext ctx, String provider, String metric, double amount,
                                    UsageToken token) {
        UsageReport.requireAmount("amount", amount);
        TabularStore store = router.tabular(ctx).store();
        TabularKey key = key(ctx, provider, metric);
        TabularItem current = existing(store, ctx, key, provider, metric);
        if (current.attributes().containsKey(token.attribute())) {
            return replay(current, token, amount);
        }
        Applied applied;
        try {
            applied = chargeWindow(ctx, store, key, current, provider, metric, amount, token.attribute(),
                    (counter, now) -> token.value(amount, now, counter));
        } catch (StoreException e) {
            if (e.code() == ErrorCode.ALREADY_EXISTS) {
                // applied by an earlier attempt carrying the same token (the SDK's retry, a replay, a peer)
                return replay(store.get(key).orElseThrow(() -> e), token, amount);
            }
            throw e;
        }
        if (token.callScoped()) {
            settled(key, token); // the call is answered: its own retries are over
        }
        BudgetUsageRecord record = BudgetMapping.fromItem(applied.item(), applied.at());
        boolean crossed = alertsAfter(ctx, record, applied.item(), applied.counter(), amount, applied.at(), false);
        return new UsageOutcome(record, crossed, false);
    }

    private UsageOutcome replay(TabularItem current, UsageToken token, double amount) {
        Optional<Double> first = UsageToken.amountOf(current.attributes().get(token.attribute()));
        if (token.clientKey() && first.isPresent() && Double.compare(first.get(), amount) != 0) {
            throw new StoreException(ErrorCode.ALREADY_EXISTS, "the Idempotency-Key was used with amount "
                    + first.get() + ", not " + amount);
        }
        return new UsageOutcome(BudgetMapping.fromItem(current, clock.instant()), false, true);
    }

    /** The design's alias of {@link #recordUsage}. */
    public UsageOutcome incrementUsage(RequestContext ctx, String provider, String metric, double amount) {
        return recordUsage(ctx, provider, metric, amount);
    }

    /**
     * Takes back usage that was charged for work that did not happen (an event that could not be
     * stored, or turned out to be a different event under a used id): once per application of the
     * charge, never ceiling-checked, from the window the charge landed in. The charge's token goes
     * with it, so a later delivery of the event is charged again.
     *
     * @param application names the call that applied the charge
     */
    public void refund(RequestContext ctx, String provider, String metric, double amount, UsageToken charge,
                       String application) {
        UsageReport.requireAmount("amount", amount);
        UsageToken refund = charge.refund(application);
        TabularStore store = router.tabular(ctx).store();
        TabularKey key = key(ctx, provider, metric);
        Optional<TabularItem> item = store.get(key);
        if (item.isEmpty()) {
            return; // no budget, so no charge was applied
        }
        Instant now = clock.instant();
        String counter = UsageToken.counterOf(item.get().attributes().get(charge.attribute()))
                .orElseGet(() -> BudgetMapping.counter(BudgetMapping.period(item.get()), now));
        try {
            store.increment(key, counter, -amount, null, Map.of("updated_at", now.toString(),
                    refund.attribute(), refund.value(amount, now, counter)), refund.attribute(), Set.of(charge.attribute()));
        } catch (StoreException e) {
            if (e.code() != ErrorCode.ALREADY_EXISTS) {
                throw e;
            }
        }
    }

    /**
     * Says that a charge's token is no longer needed (its event is stored: the event itself now tells
     * a repeat from a first delivery), so a later increment of that budget may prune it early.
     */
    public void settled(RequestContext ctx, String provider, String metric, UsageToken token) {
        settled(key(ctx, provider, metric), token);
    }

    private void settled(TabularKey key, UsageToken token) {
        settled(key, token.attribute());
    }

    private void settled(TabularKey key, String marker) {
        Queue<String> q = settledTokens.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>());
        if (q.size() < MAX_SETTLED_PER_BUDGET) {
            q.add(marker);
        }
    }

    /** Until when an ended reservation's marker answers repeats: a day with a client's key, else a call's while. */
    private static Instant keepUntil(Hold h, Instant now) {
        return now.plus(h.keyed() ? UsageToken.CLIENT_KEY_WINDOW : UsageToken.CALL_WINDOW);
    }

    /**
     * Holds amount against the hard limit in the current window for ttl (1 s to 24 h): refused
     * ({@link BudgetExceeded}, changing nothing) when used + held + amount would pass it. With a client's
     * key the same key makes the same reservation once and answers it again ({@code replayed}); the
     * same key with another amount is ALREADY_EXISTS.
     */
    public Reservation reserve(RequestContext ctx, String provider, String metric, double amount, Duration ttl,
                               String runId, String stepId, UsageToken token) {
        UsageReport.requireAmount("amount", amount);
        if (ttl == null || ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_RESERVATION_TTL) > 0) {
            throw StoreException.invalid("ttl_seconds", "must be from 1 to " + MAX_RESERVATION_TTL.toSeconds());
        }
        Identifiers.optionalId("run_id", runId);
        Identifiers.optionalId("step_id", stepId);
        TabularStore store = router.tabular(ctx).store();
        TabularKey key = key(ctx, provider, metric);
        String id = token.reservationId();
        TabularItem current = existing(store, ctx, key, provider, metric);
        Optional<Hold> known = BudgetMapping.hold(current, id);
        if (known.isPresent()) {
            return replayReservation(current, known.get(), provider, metric, amount);
        }
        Applied applied;
        try {
            applied = chargeWindow(ctx, store, key, current, provider, metric, amount, BudgetMapping.RESERVATION + id,
                    (counter, now) -> new Hold(id, amount, expiry(now, ttl), counter, now, runId, stepId,
                            token.clientKey(), null).value());
        } catch (StoreException e) {
            if (e.code() == ErrorCode.ALREADY_EXISTS) {
                TabularItem latest = store.get(key).orElseThrow(() -> e);
                return replayReservation(latest, BudgetMapping.hold(latest, id).orElseThrow(() -> e), provider,
                        metric, amount);
            }
            throw e;
        }
        Hold h = BudgetMapping.hold(applied.item(), id).orElseThrow();
        return new Reservation(id, provider, metric, amount, h.expiresAt(), runId, stepId,
                BudgetMapping.fromItem(applied.item(), applied.at()), false);
    }

    private Reservation replayReservation(TabularItem item, Hold h, String provider, String metric, double amount) {
        if (Double.compare(h.amount(), amount) != 0) {
            throw new StoreException(ErrorCode.ALREADY_EXISTS, "the Idempotency-Key was used for a reservation of "
                    + h.amount() + ", not " + amount);
        }
        return new Reservation(h.id(), provider, metric, h.amount(), h.expiresAt(), h.runId(), h.stepId(),
                BudgetMapping.fromItem(item, clock.instant()), true);
    }

    private static Instant expiry(Instant now, Duration ttl) {
        Instant end = now.plus(ttl);
        return Instant.ofEpochSecond(end.getEpochSecond() + (end.getNano() > 0 ? 1 : 0));
    }

    /**
     * Records the actual usage of a reservation and releases its hold in one atomic step, in the
     * reservation's window. An actual above the estimate is recorded as it is (the spend happened) and
     * flagged {@code overrun}; a hold that expired meanwhile no longer holds anything, and its actual is
     * recorded all the same. A repeat with the same amount answers the first commit ({@code replayed});
     * with another amount, or after a release, it is ALREADY_EXISTS.
     */
    public ReservationEnd commit(RequestContext ctx, String provider, String metric, String reservationId,
                                 double amount) {
        UsageReport.requireAmount("amount", amount);
        return end(ctx, provider, metric, reservationId, ReservationEnd.Kind.COMMITTED, amount);
    }

    /** Releases a reservation's hold; a repeat (or a hold that expired) answers {@code replayed}, changing nothing. */
    public ReservationEnd release(RequestContext ctx, String provider, String metric, String reservationId) {
        return end(ctx, provider, metric, reservationId, ReservationEnd.Kind.RELEASED, 0);
    }

    private ReservationEnd end(RequestContext ctx, String provider, String metric, String id,
                               ReservationEnd.Kind kind, double amount) {
        Identifiers.id("reservation_id", id);
        TabularStore store = router.tabular(ctx).store();
        TabularKey key = key(ctx, provider, metric);
        for (int attempt = 0; ; attempt++) {
            TabularItem item = store.get(key).orElseThrow(() -> StoreException.notFound("reservation " + id));
            Hold h = BudgetMapping.hold(item, id).orElseThrow(() -> StoreException.notFound("reservation " + id));
            try {
                boolean late = ReservationEnd.Kind.EXPIRED.wireName().equals(h.endKind());
                ReservationEnd end = endOnce(ctx, store, key, item, h, kind, amount);
                if (!end.replayed() && !h.keyed()) {
                    // the ending call is answered: its marker guards nothing more (a late retry finds no reservation)
                    settled(key, (late ? BudgetMapping.LATE : BudgetMapping.END) + id);
                }
                return end;
            } catch (StoreException e) {
                // another call ended it between the read and the write: decide again on what it did
                if (e.code() != ErrorCode.ALREADY_EXISTS || attempt > 0 || e instanceof Conflict) {
                    throw e;
                }
            }
        }
    }

    private ReservationEnd endOnce(RequestContext ctx, TabularStore store, TabularKey key, TabularItem item, Hold h,
                                   ReservationEnd.Kind kind, double amount) {
        Instant now = clock.instant();
        boolean committing = kind == ReservationEnd.Kind.COMMITTED;
        String ended = h.endKind();
        if (ended == null) {
            TabularItem after = endHold(store, key, h, kind, committing ? amount : 0, now);
            return ended(ctx, after, h, kind, amount, now, committing);
        }
        if (ended.equals(kind.wireName()) && (!committing || Double.compare(h.endAmount(), amount) == 0)) {
            return new ReservationEnd(h.id(), kind, h.amount(), h.endAmount(), committing && h.endAmount() > h.amount(),
                    BudgetMapping.fromItem(item, now), true);
        }
        if (ended.equals(ReservationEnd.Kind.EXPIRED.wireName())) {
            if (!committing) {
                return new ReservationEnd(h.id(), ReservationEnd.Kind.EXPIRED, h.amount(), 0, false,
                        BudgetMapping.fromItem(item, now), true);
            }
            // the hold stopped counting when it expired; the spend happened all the same: record it, once
            String marker = BudgetMapping.LATE + h.id();
            Object late = item.attributes().get(marker);
            if (late instanceof String s) {
                double first = Double.parseDouble(s.split(" ")[1]);
                if (Double.compare(first, amount) != 0) {
                    throw new Conflict("reservation " + h.id() + " was committed with amount " + first + ", not " + amount);
                }
                return new ReservationEnd(h.id(), kind, h.amount(), first, first > h.amount(),
                        BudgetMapping.fromItem(item, now), true);
            }
            TabularItem after = store.increment(key, h.counter(), amount, null, Map.of("updated_at", now.toString(),
                    marker, kind.wireName() + " " + amount + " " + now.getEpochSecond() + " "
                            + keepUntil(h, now).getEpochSecond()), marker, Set.of());
            return ended(ctx, after, h, kind, amount, now, true);
        }
        throw new Conflict("reservation " + h.id() + " was " + ended + (ended.equals("committed")
                ? " with amount " + h.endAmount() : "") + "; it cannot be " + kind.wireName());
    }

    private ReservationEnd ended(RequestContext ctx, TabularItem after, Hold h, ReservationEnd.Kind kind, double amount,
                                 Instant now, boolean committing) {
        BudgetUsageRecord record = BudgetMapping.fromItem(after, now);
        boolean overrun = committing && amount > h.amount();
        if (committing) {
            alertsAfter(ctx, record, after, h.counter(), amount, now, overrun);
        }
        return new ReservationEnd(h.id(), kind, h.amount(), amount, overrun, record, false);
    }

    /** A reservation already ended another way: 409, final (unlike the race of two ends, which is decided again). */
    private static final class Conflict extends StoreException {
        Conflict(String message) {
            super(ErrorCode.ALREADY_EXISTS, message);
        }
    }

    /** The item after an applied change, the counter it changed and the instant it was made at. */
    private record Applied(TabularItem item, String counter, Instant at) {
    }

    /**
     * Adds amount to the counter of the current window, checked against the hard limit, recording
     * marker (refused with ALREADY_EXISTS when present) in the same step. When refused by the limit
     * while expired holds still stand in the counter, they are ended first (they stopped counting at
     * their expiry) and the increment is tried once more.
     */
    private Applied chargeWindow(RequestContext ctx, TabularStore store, TabularKey key, TabularItem current,
                                 String provider, String metric, double amount, String marker,
                                 BiFunction<String, Instant, String> markerValue) {
        for (int attempt = 0; ; attempt++) {
            Instant now = clock.instant();
            String counter = BudgetMapping.counter(BudgetMapping.period(current), now);
            Map<String, Object> set = Map.of("updated_at", now.toString(), marker, markerValue.apply(counter, now));
            try {
                TabularItem item = store.increment(key, counter, amount, BudgetMapping.HARD_LIMIT, set, marker,
                        prunable(key, current, marker, now));
                foldOldWindows(store, item, now);
                return new Applied(item, counter, now);
            } catch (StoreException e) {
                if (e.code() != ErrorCode.FAILED_PRECONDITION) {
                    throw e;
                }
                Optional<TabularItem> latest = store.get(key);
                if (attempt == 0 && latest.isPresent() && endExpiredHolds(store, key, latest.get(), now) > 0) {
                    current = latest.get();
                    continue;
                }
                router.telemetry().budgetRefused(ctx.tenantId(), provider, metric);
                throw new BudgetExceeded(provider, metric, amount, describe(latest, now));
            }
        }
    }

    /**
     * Ends a live hold, once (ALREADY_EXISTS when it has ended meanwhile), in one step: its counter
     * changes by actual - estimate, res:{id} goes and end:{id} records how it ended.
     */
    private static TabularItem endHold(TabularStore store, TabularKey key, Hold h, ReservationEnd.Kind kind,
                                       double actual, Instant now) {
        String marker = BudgetMapping.END + h.id();
        return store.increment(key, h.counter(), actual - h.amount(), null, Map.of("updated_at", now.toString(),
                marker, h.endValue(kind.wireName(), actual, now, keepUntil(h, now))), marker,
                Set.of(BudgetMapping.RESERVATION + h.id()));
    }

    /** Ends the holds whose time is up, each once (another caller may end it first); how many this call saw. */
    private static int endExpiredHolds(TabularStore store, TabularKey key, TabularItem item, Instant now) {
        int expired = 0;
        for (Hold h : BudgetMapping.holds(item)) {
            if (h.live() && h.expired(now)) {
                expired++;
                try {
                    endHold(store, key, h, ReservationEnd.Kind.EXPIRED, 0, now);
                } catch (StoreException e) {
                    if (e.code() != ErrorCode.ALREADY_EXISTS) {
                        throw e;
                    }
                }
            }
        }
        return expired;
    }

    /**
     * Raises the alerts the counter's window is at after usage of amount (soft limit reached, hard
     * limit reached, an overrun); answers whether this usage took it from below the soft limit to at
     * or above it. The usage is applied whatever the sink does: its failure is logged, not thrown.
     */
    private boolean alertsAfter(RequestContext ctx, BudgetUsageRecord r, TabularItem item, String counter,
                                double amount, Instant at, boolean overrun) {
        if (amount <= 0) {
            return false;
        }
        double after = BudgetMapping.used(item, counter);
        Double soft = r.softLimit();
        Double hard = r.hardLimit();
        if (soft != null && after >= soft) {
            raise(ctx, BudgetAlert.Kind.SOFT_LIMIT_REACHED, r, item, counter, after, soft, amount, at);
        }
        if (hard != null && after >= hard) {
            raise(ctx, BudgetAlert.Kind.HARD_LIMIT_REACHED, r, item, counter, after, hard, amount, at);
        }
        if (overrun) {
            raise(ctx, BudgetAlert.Kind.OVERRUN, r, item, counter, after, hard, amount, at);
        }
        return soft != null && after - amount < soft && after >= soft;
    }

    private void raise(RequestContext ctx, BudgetAlert.Kind kind, BudgetUsageRecord r, TabularItem item, String counter,
                       double usage, Double limit, double amount, Instant at) {
        BudgetAlert alert = new BudgetAlert(kind, r.tenantId(), r.projectId(), r.provider(), r.metric(),
                BudgetMapping.periodOf(item, counter), BudgetMapping.window(item, counter), usage, limit, amount, at);
        try {
            alerts.raise(ctx, alert);
        } catch (RuntimeException e) {
            // the usage is applied and must be reported as such; the next change raises the alert again
            LOG.log(Level.WARNING, "alert " + alert.kind().eventType() + " of " + alert.provider() + "/"
                    + alert.metric() + " not recorded yet: " + e);
        }
    }

    /**
     * Markers a next change removes in its own step: settled tokens and reservation ends first, then
     * tokens and reservation ends whose time is up (never a live hold: its amount is in a counter).
     */
    private Set<String> prunable(TabularKey key, TabularItem current, String marker, Instant now) {
        Set<String> remove = new HashSet<>();
        Queue<String> settled = settledTokens.get(key);
        while (settled != null && remove.size() < TabularStore.MAX_ALSO_REMOVE) {
            String t = settled.poll();
            if (t == null) {
                break;
            }
            if (!t.equals(marker)) {
                remove.add(t); // whether or not this read shows it yet: removing an absent one is a no-op
            }
        }
        for (Map.Entry<String, Object> a : current.attributes().entrySet()) {
            if (remove.size() >= TabularStore.MAX_ALSO_REMOVE) {
                break;
            }
            String k = a.getKey();
            boolean expired = k.startsWith(UsageToken.PREFIX) ? UsageToken.expired(a.getValue(), now)
                    : (k.startsWith(BudgetMapping.END) || k.startsWith(BudgetMapping.LATE))
                    && BudgetMapping.keepUntil(a.getValue()).map(t -> t.isBefore(now)).orElse(false);
            if (expired && !k.equals(marker)) {
                remove.add(k);
            }
        }
        return remove;
    }

    /**
     * Keeps the item small: once it holds more than {@link #FOLD_ABOVE} window counters, those of
     * windows that began over {@link #FOLD_AFTER} ago (and hold no live reservation) are added to
     * lifetime_base and removed, in one conditional write; losing a race to another change just leaves
     * it for a later increment.
     */
    private static void foldOldWindows(TabularStore store, TabularItem item, Instant now) {
        long windows = item.attributes().keySet().stream().filter(k -> k.startsWith(BudgetMapping.WINDOW)).count();
        if (windows <= FOLD_ABOVE) {
            return;
        }
        Set<String> heldIn = new HashSet<>();
        BudgetMapping.holds(item).stream().filter(Hold::live).forEach(h -> heldIn.add(h.counter()));
        Map<String, Object> next = new LinkedHashMap<>(item.attributes());
        double folded = 0;
        for (Map.Entry<String, Object> a : item.attributes().entrySet()) {
            String k = a.getKey();
            if (k.startsWith(BudgetMapping.WINDOW) && !heldIn.contains(k) && a.getValue() instanceof Number n
                    && Instant.ofEpochSecond(Long.parseLong(k.substring(k.lastIndexOf(':') + 1)))
                    .isBefore(now.minus(FOLD_AFTER))) {
                folded += n.doubleValue();
                next.remove(k);
            }
        }
        next.put(BudgetMapping.LIFETIME_BASE, BudgetMapping.number(item, BudgetMapping.LIFETIME_BASE) + folded);
        try {
            store.put(item.key(), next, WriteCondition.ifVersion(item.version()));
        } catch (StoreException e) {
            if (e.code() != ErrorCode.FAILED_PRECONDITION) {
                LOG.log(Level.DEBUG, "folding old windows of " + item.key() + " left for later: " + e);
            }
        }
    }

    public Optional<BudgetUsageRecord> get(RequestContext ctx, String provider, String metric) {
        Instant now = clock.instant();
        return router.tabular(ctx).store().get(key(ctx, provider, metric)).map(i -> BudgetMapping.fromItem(i, now));
    }

    /** What amount more would do in the current window (soft limit reached, hard limit passed, what remains), changing nothing. */
    public BudgetCheck check(RequestContext ctx, String provider, String metric, double amount) {
        UsageReport.requireAmount("amount", amount);
        Optional<BudgetUsageRecord> r = get(ctx, provider, metric);
        return new BudgetCheck(provider, metric, r.map(BudgetUsageRecord::usage).orElse(0.0),
                r.map(BudgetUsageRecord::held).orElse(0.0), amount, r.map(BudgetUsageRecord::softLimit).orElse(null),
                r.map(BudgetUsageRecord::hardLimit).orElse(null), r.map(BudgetUsageRecord::period)
                .orElse(BudgetPeriod.LIFETIME), r.map(BudgetUsageRecord::periodStart).orElse(null),
                r.map(BudgetUsageRecord::resetAt).orElse(null));
    }

    /** True when usage has reached the soft limit (time to warn). */
    public boolean checkSoftLimit(RequestContext ctx, String provider, String metric) {
        return get(ctx, provider, metric).map(BudgetUsageRecord::softExceeded).orElse(false);
    }

    /** True when usage has reached the hard limit (further usage is blocked). */
    public boolean checkHardLimit(RequestContext ctx, String provider, String metric) {
        return get(ctx, provider, metric).map(BudgetUsageRecord::hardExceeded).orElse(false);
    }

    /** Every metric of a provider for the caller's project, by metric, each in its current window. */
    public List<BudgetUsageRecord> listProviderUsage(RequestContext ctx, String provider) {
        Identifiers.name("provider", provider);
        TabularStore store = router.tabular(ctx).store();
        String prefix = BudgetMapping.providerPrefix(ctx.projectId(), provider);
        Instant now = clock.instant();
        return Paging.all(page -> store.list(new TableRef(ctx.tenantId(), BudgetMapping.TABLE), prefix, page),
                MAX_METRICS).stream().map(i -> BudgetMapping.fromItem(i, now)).toList();
    }

    private static TabularKey key(RequestContext ctx, String provider, String metric) {
        Identifiers.name("provider", provider);
        Identifiers.name("metric", metric);
        return BudgetMapping.key(ctx.tenantId(), ctx.projectId(), provider, metric);
    }

    /** The budget's item, created at zero usage (and no limits, period none) when it is not there yet. */
    private TabularItem existing(TabularStore store, RequestContext ctx, TabularKey key, String provider, String metric) {
        Optional<TabularItem> current = store.get(key);
        if (current.isPresent()) {
            return current.get();
        }
        Instant now = clock.instant();
        Map<String, Object> attributes = BudgetMapping.definition(ctx.tenantId(), ctx.projectId(), provider, metric,
                null, null, BudgetPeriod.LIFETIME, now, now);
        attributes.put(BudgetMapping.USAGE, 0.0);
        try {
            return store.put(key, attributes, WriteCondition.IF_ABSENT);
        } catch (StoreException e) {
            if (e.code() != ErrorCode.ALREADY_EXISTS) {
                throw e;
            }
            return store.get(key).orElseThrow(() -> e);
        }
    }

    private static String describe(Optional<TabularItem> item, Instant now) {
        return item.map(i -> BudgetMapping.fromItem(i, now)).map(r -> "usage " + r.usage()
                + (r.held() > 0 ? " and " + r.held() + " held" : "") + " of hard limit " + r.hardLimit()
                + (r.resetAt() == null ? "" : " until " + r.period().format(r.resetAt()))).orElse("");
    }
}
