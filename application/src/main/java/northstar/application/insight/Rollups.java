package northstar.application.insight;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import northstar.application.routing.StoreRouter;
import northstar.domain.ErrorCode;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.analytics.AcceptedEvent;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.IngestResult;
import northstar.domain.analytics.RollupLog;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TabularStore;
import northstar.domain.tabular.WriteCondition;

/**
 * The rollup counters, kept as events are stored: every event the analytics store answers as newly
 * stored adds one to its hourly and its daily counter and its usage to their sums. Counts gather in
 * memory in generations and are written once a second, one atomic increment per counter and field,
 * so a thousand events of one group cost one write.
 *
 * <p>Never counted twice: only {@link IngestResult.Stored} is counted (a replay is Existing), and each
 * write carries a token of its generation in the same atomic step ({@code unlessPresent}), so a write
 * retried after a lost answer applies once. Never lost: before a batch is stored, the buckets it will
 * count into are marked in the {@link RollupLog}; a generation is closed only once its counts are
 * written and every batch that marked it has been counted. A batch whose store call failed may have
 * stored any part of itself: its events wait as suspects, counted when a later delivery of the same
 * acceptance finds them stored by the failed call (same created_at), or by a look at the store a
 * while later. After a crash, the buckets of the generations left open are recounted from the stored
 * events before anything else is written ({@link #recover}).
 */
public final class Rollups implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Rollups.class.getName());
    /** How long a failed store call is given to finish on the backend before its events are looked up. */
    static final Duration SUSPECT_GRACE = Duration.ofSeconds(30);
    private static final int TOKENS_KEPT = 100_000;

    private final StoreRouter router;
    private final RollupLog log;
    private final Clock clock;
    private final Function<String, RequestContext> tenants;
    private final RollupRecount recount;
    private final String writer = java.util.UUID.randomUUID().toString().substring(0, 8);
    private final Instant startedAt;
    private final Object lock = new Object();
    private Generation current;
    private final List<Generation> swapped = new ArrayList<>();
    private final Map<String, Suspect> suspects = new HashMap<>();
    /** Per counter field, the last token of this writer known to be applied: removed by the next write. */
    private final Map<String, String> applied = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > TOKENS_KEPT;
        }
    };
    /** The session hours this process has named in their session's index. */
    private final Map<String, Boolean> indexedHours = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > TOKENS_KEPT;
        }
    };
    private volatile boolean recovered;
    private volatile Thread ticker;

    /** Counts gathered between two writes; closed in the log once written and left by every batch. */
    private static final class Generation {
        final long id;
        final Map<String, Set<String>> marked = new HashMap<>();
        final Map<String, RequestContext> contexts = new HashMap<>();
        final Map<String, RollupCounts> counts = new HashMap<>();
        int batches;
        boolean written;

        Generation(long id) {
            this.id = id;
        }
    }

    /** An event a failed store call may have stored: counted by whoever claims it and finds it stored by that call. */
    private record Suspect(RequestContext ctx, AcceptedEvent event, Generation generation, SuspectGroup group) {
    }

    private static final class SuspectGroup {
        final Instant since;
        int left;

        SuspectGroup(Instant since, int left) {
            this.since = since;
            this.left = left;
        }
    }

    /**
     * @param log     where buckets are marked; closed by {@link #close}
     * @param tenants the context of a tenant, for the routes of a recount after a crash
     */
    public Rollups(StoreRouter router, RollupLog log, Clock clock, Function<String, RequestContext> tenants) {
        this.router = router;
        this.log = log;
        this.clock = clock;
        this.tenants = tenants;
        this.recount = new RollupRecount(router);
        this.startedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        this.current = new Generation(log.begin());
        this.recovered = log.unrepaired().isEmpty();
    }

    /** Writes once a second from now on, on a virtual thread of its own. */
    public Rollups start(Duration every) {
        ticker = Thread.ofVirtual().name("rollups").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(every);
                    flush();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "rollups: " + e.getMessage());
                }
            }
        });
        return this;
    }

    /** A batch on its way to the store: ended by {@link #stored} or {@link #unsure}, exactly once. */
    public final class Batch {
        private final RequestContext ctx;
        private final Generation generation;
        private final List<AcceptedEvent> events;
        private final Map<String, Suspect> claimed;

        private Batch(RequestContext ctx, Generation generation, List<AcceptedEvent> events,
                      Map<String, Suspect> claimed) {
            this.ctx = ctx;
            this.generation = generation;
            this.events = events;
            this.claimed = claimed;
        }

        /**
         * The store answered: its newly stored events are counted, and so are the events a failed
         * call had stored (claimed suspects found Existing with the failed call's created_at).
         */
        public void stored(List<AnalyticsRecord> written, List<IngestResult> results) {
            List<AnalyticsRecord> count = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                IngestResult r = results.get(i);
                if (r instanceof IngestResult.Stored) {
                    count.add(r.record());
                } else {
                    // a suspect is counted when the failed call is what stored it, whoever retries it
                    Suspect s = claimed.get(r.record().analyticsId());
                    if (s != null && r.record().createdAt().equals(s.event().record().createdAt())) {
                        count.add(r.record());
                    }
                }
            }
            synchronized (lock) {
                add(ctx, count);
                release(claimed.values());
                leave(generation);
            }
        }

        /** The store call failed: any of these events may be stored; they wait as suspects. */
        public void unsure() {
            synchronized (lock) {
                SuspectGroup group = new SuspectGroup(clock.instant(), events.size());
                generation.batches += events.size() - 1; // each suspect holds the generation until it is resolved
                if (events.isEmpty()) {
                    leave(generation);
                }
                for (AcceptedEvent e : events) {
                    suspects.put(id(ctx, e.record().analyticsId()), new Suspect(ctx, e, generation, group));
                }
                release(claimed.values());
            }
        }
    }

    /**
     * Marks the buckets these events count into (in the log, before they are stored) and claims the
     * suspects among them.
     */
    public Batch begin(RequestContext ctx, List<AcceptedEvent> events) {
        List<AnalyticsRecord> records = events.stream().map(AcceptedEvent::record).toList();
        synchronized (lock) {
            Generation g = current;
            mark(g, ctx, records);
            g.batches++;
            Map<String, Suspect> claimed = new HashMap<>();
            if (!suspects.isEmpty()) {
                for (AcceptedEvent e : events) {
                    Suspect s = suspects.remove(id(ctx, e.record().analyticsId()));
                    if (s != null) {
                        claimed.put(e.record().analyticsId(), s);
                    }
                }
            }
            return new Batch(ctx, g, events, claimed);
        }
    }

    private static String id(RequestContext ctx, String analyticsId) {
        return ctx.tenantId() + "\n" + analyticsId;
    }

    private void mark(Generation g, RequestContext ctx, List<AnalyticsRecord> records) {
        Set<String> buckets = RollupKeys.buckets(records);
        Set<String> known = g.marked.computeIfAbsent(ctx.tenantId(), t -> new HashSet<>());
        Set<String> fresh = new java.util.TreeSet<>(buckets);
        fresh.removeAll(known);
        if (!fresh.isEmpty()) {
            log.mark(g.id, ctx.tenantId(), fresh);
            known.addAll(fresh);
        }
        g.contexts.putIfAbsent(ctx.tenantId(), ctx);
    }

    /** Counts into the current generation, marking its buckets there first. Under the lock. */
    private void add(RequestContext ctx, List<AnalyticsRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        mark(current, ctx, records);
        RollupCounts c = current.counts.computeIfAbsent(ctx.tenantId(), t -> new RollupCounts());
        records.forEach(c::add);
    }

    /** Suspects a batch claimed are resolved by it: their generations are left. Under the lock. */
    private void release(java.util.Collection<Suspect> resolved) {
        for (Suspect s : resolved) {
            s.group().left--;
            leave(s.generation());
        }
    }

    private void leave(Generation g) {
        g.batches--;
    }

    /**
     * Writes what the generations gathered: first (once) the repair of what a crashed process left,
     * then the generations in order, then the suspects old enough to look up. Returns the counter
     * writes made.
     */
    public int flush() {
        if (!recovered) {
            recover();
        }
        resolveSuspectsOlderThan(SUSPECT_GRACE);
        synchronized (lock) {
            boolean behind = swapped.stream().anyMatch(g -> !g.written);
            if (!behind && (!current.counts.isEmpty() || !current.marked.isEmpty())) {
                swapped.add(current);
                current = new Generation(log.begin());
            }
        }
        int writes = 0;
        for (Generation g : snapshot()) {
            if (!g.written) {
                writes += write(g);
                g.written = true;
            }
        }
        synchronized (lock) {
            for (var it = swapped.iterator(); it.hasNext(); ) {
                Generation g = it.next();
                if (g.written && g.batches == 0) {
                    log.close(g.id);
                    it.remove();
                }
            }
        }
        return writes;
    }

    private List<Generation> snapshot() {
        synchronized (lock) {
            return List.copyOf(swapped);
        }
    }

    /** One increment per counter and field, each once by its token; a failure leaves the rest for the next flush. */
    private int write(Generation g) {
        int writes = 0;
        for (var tenant : g.counts.entrySet()) {
            TabularStore store = router.tabular(g.contexts.get(tenant.getKey())).store();
            for (var e : tenant.getValue().counters().entrySet()) {
                TabularKey key = new TabularKey(tenant.getKey(), RollupKeys.TABLE, e.getKey());
                if (RollupKeys.Kind.ofBucket(e.getValue().bucket()) == RollupKeys.Kind.SESSION) {
                    indexed(store, tenant.getKey(), e.getValue());
                }
                for (var field : new ArrayList<>(e.getValue().fields().entrySet())) {
                    increment(store, key, e.getValue(), field.getKey(), field.getValue(), g.id);
                    e.getValue().fields().remove(field.getKey());
                    writes++;
                }
            }
        }
        return writes;
    }

    /** The session's index names this hour: written once per hour and session by this process. */
    private void indexed(TabularStore store, String tenantId, RollupCounts.Counter counter) {
        String id = tenantId + "\n" + counter.bucket() + "\n" + counter.group().get(RollupKeys.PROJECT) + "\n"
                + counter.group().get("session_id");
        synchronized (indexedHours) {
            if (indexedHours.containsKey(id)) {
                return;
            }
        }
        SessionIndex.touch(store, tenantId, counter);
        synchronized (indexedHours) {
            indexedHours.put(id, Boolean.TRUE);
        }
    }

    private void increment(TabularStore store, TabularKey key, RollupCounts.Counter counter, String field,
                           double amount, long generation) {
        String token = "t:" + writer + ":" + generation + ":" + field;
        String slot = key.tenantId() + "\n" + key.key() + "\n" + field;
        String previous;
        synchronized (applied) {
            previous = applied.get(slot);
        }
        Set<String> remove = previous == null || previous.equals(token) ? Set.of() : Set.of(previous);
        Map<String, Object> set = Map.of(token, (double) clock.instant().getEpochSecond());
        for (int attempt = 0; ; attempt++) {
            try {
                store.increment(key, field, amount, null, set, token, remove);
                break;
            } catch (StoreException e) {
                if (e.code() == ErrorCode.ALREADY_EXISTS) {
                    break; // an earlier try of this very write applied
                }
                if (e.code() != ErrorCode.NOT_FOUND || attempt > 0) {
                    throw e;
                }
                Map<String, Object> first = RollupCounts.attributes(new RollupCounts.Counter(counter.bucket(),
                        counter.group(), Map.of()));
                first.put(RollupKeys.COUNT, 0.0);
                try {
                    store.put(key, first, WriteCondition.IF_ABSENT);
                } catch (StoreException exists) {
                    if (exists.code() != ErrorCode.ALREADY_EXISTS) {
                        throw exists;
                    }
                }
            }
        }
        synchronized (applied) {
            applied.put(slot, token);
        }
    }

    /** Looks up the suspects whose failed call has had its grace: those it stored are counted. */
    void resolveSuspectsOlderThan(Duration grace) {
        List<Suspect> due = new ArrayList<>();
        synchronized (lock) {
            Instant before = clock.instant().minus(grace);
            for (var it = suspects.values().iterator(); it.hasNext(); ) {
                Suspect s = it.next();
                if (!s.group().since.isAfter(before)) {
                    due.add(s);
                    it.remove();
                }
            }
        }
        for (int i = 0; i < due.size(); i++) {
            Suspect s = due.get(i);
            AnalyticsRecord wanted = s.event().record();
            try {
                var found = router.analytics(s.ctx()).store().get(s.ctx().tenantId(), wanted.analyticsId());
                synchronized (lock) {
                    if (found.isPresent() && found.get().createdAt().equals(wanted.createdAt())) {
                        add(s.ctx(), List.of(found.get()));
                    }
                    release(List.of(s));
                }
            } catch (RuntimeException e) {
                synchronized (lock) { // not now: all left go back, looked up at a later flush
                    for (Suspect back : due.subList(i, due.size())) {
                        suspects.putIfAbsent(id(back.ctx(), back.event().record().analyticsId()), back);
                    }
                }
                throw e;
            }
        }
    }

    /**
     * Recounts from the stored events the buckets a crashed process left open, leaving out the events
     * this process accepted (it counts those itself); then forgets them. Until this is done nothing
     * else is written.
     */
    public void recover() {
        synchronized (this) {
            if (recovered) {
                return;
            }
            for (var e : log.unrepaired().entrySet()) {
                RequestContext ctx = tenants.apply(e.getKey());
                if (ctx == null) {
                    LOG.log(Level.WARNING, "rollups: tenant " + e.getKey() + " is no longer configured: its "
                            + e.getValue().size() + " unrepaired buckets are left");
                    continue;
                }
                for (String bucket : e.getValue()) {
                    recount.recount(ctx, bucket, r -> r.createdAt().isBefore(startedAt));
                }
            }
            log.repaired();
            recovered = true;
        }
    }

    /**
     * Recounts every hour and day bucket that [from, to) touches, whole, from the stored events: the
     * operators' repair after a machine crash (the log is not synced) or of history counted before
     * rollups existed. Returns the events counted (each once, in its hour).
     */
    public long rebuild(RequestContext ctx, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw StoreException.invalid("to", "must be after from");
        }
        long events = 0;
        for (RollupKeys.Kind kind : RollupKeys.Kind.values()) {
            for (Instant t = from.truncatedTo(kind.unit); t.isBefore(to); t = t.plus(1, kind.unit)) {
                long n = recount.recount(ctx, kind.bucket(t), r -> true);
                events += kind == RollupKeys.Kind.HOURLY ? n : 0;
            }
        }
        return events;
    }

    /** Whether the repair of a previous crash is done (the journal's forwarder waits for it). */
    public boolean recovered() {
        return recovered;
    }

    /** Stops the writes after a last flush (what fails stays marked for the next process), then closes the log. */
    @Override
    public void close() {
        Thread t = ticker;
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "rollups: the last flush failed (left for the next start): " + e.getMessage());
        }
        log.close();
    }
}
