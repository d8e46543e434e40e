package northstar.application.insight;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import northstar.application.routing.StoreRouter;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.analytics.AcceptedEvent;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.IngestResult;
import northstar.domain.analytics.RollupLog;
import northstar.domain.tabular.TabularStore;

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
 * stored any part of itself: its events wait as suspects, counted when a later delivery finds them
 * stored by the failed call (its created_at), or by a look at the store a while later. After a crash, the buckets of the generations left open are recounted from the stored
 * events before anything else is written ({@link #recover}).
 */
public final class Rollups implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Rollups.class.getName());
    /** How long a failed store call is given to finish on the backend before its events are looked up. */
    static final Duration SUSPECT_GRACE = Duration.ofSeconds(30);
    /** How long closing waits for a pass under way and then for the last flush. */
    static final Duration LAST_FLUSH = Duration.ofSeconds(1);

    private final StoreRouter router;
    private final RollupLog log;
    private final Clock clock;
    private final Function<String, RequestContext> tenants;
    private final RollupRecount recount;
    private final CounterWriter counters;
    private final Instant startedAt;
    private final Object lock = new Object();
    private Generation current;
    private final List<Generation> swapped = new ArrayList<>();
    private final Map<String, Suspect> suspects = new HashMap<>();
    private volatile boolean recovered;
    private volatile northstar.application.Periodic ticker;

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

    /** An event a failed store call (at since) may have stored: counted by whoever finds it stored by that call. */
    private record Suspect(RequestContext ctx, AcceptedEvent event, Generation generation, Instant since) {
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
        this.counters = new CounterWriter(clock);
        this.startedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        this.current = new Generation(log.begin());
        this.recovered = log.unrepaired().isEmpty();
    }

    /** Writes every so often from now on (the first time now), on a thread of its own. */
    public Rollups start(Duration every) {
        ticker = northstar.application.Periodic.every("northstar-rollups", every, this::flush);
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
            Set<String> buckets = RollupKeys.buckets(count); // outside the lock every ingest takes
            synchronized (lock) {
                add(ctx, count, buckets);
                release(claimed.values());
                leave(generation);
            }
        }

        /** The store call failed: any of these events may be stored; they wait as suspects. */
        public void unsure() {
            synchronized (lock) {
                Instant since = clock.instant();
                generation.batches += events.size() - 1; // each suspect holds the generation until it is resolved
                if (events.isEmpty()) {
                    leave(generation);
                }
                for (AcceptedEvent e : events) {
                    suspects.put(id(ctx, e.record().analyticsId()), new Suspect(ctx, e, generation, since));
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
        Set<String> buckets = RollupKeys.buckets(events.stream().map(AcceptedEvent::record).toList());
        synchronized (lock) {
            Generation g = current;
            mark(g, ctx, buckets);
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

    /** Writes the buckets the generation has not marked for this tenant yet. Under the lock. */
    private void mark(Generation g, RequestContext ctx, Set<String> buckets) {
        Set<String> known = g.marked.computeIfAbsent(ctx.tenantId(), t -> new HashSet<>());
        Set<String> fresh = new java.util.TreeSet<>(buckets);
        fresh.removeAll(known);
        if (!fresh.isEmpty()) {
            log.mark(g.id, ctx.tenantId(), fresh);
            known.addAll(fresh);
        }
        g.contexts.putIfAbsent(ctx.tenantId(), ctx);
    }

    /** Counts into the current generation, marking its buckets (worked out by the caller) there first. Under the lock. */
    private void add(RequestContext ctx, List<AnalyticsRecord> records, Set<String> buckets) {
        if (records.isEmpty()) {
            return;
        }
        mark(current, ctx, buckets);
        RollupCounts c = current.counts.computeIfAbsent(ctx.tenantId(), t -> new RollupCounts());
        records.forEach(c::add);
    }

    /** Suspects a batch claimed are resolved by it: their generations are left. Under the lock. */
    private void release(java.util.Collection<Suspect> resolved) {
        for (Suspect s : resolved) {
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

    /** A generation's counts, tenant by tenant; a failure leaves what is unwritten for the next flush. */
    private int write(Generation g) {
        int writes = 0;
        for (var tenant : g.counts.entrySet()) {
            TabularStore store = router.tabular(g.contexts.get(tenant.getKey())).store();
            writes += counters.write(store, tenant.getKey(), tenant.getValue(), g.id);
        }
        return writes;
    }

    /** Looks up the suspects whose failed call has had its grace: those it stored are counted. */
    void resolveSuspectsOlderThan(Duration grace) {
        List<Suspect> due = new ArrayList<>();
        synchronized (lock) {
            Instant before = clock.instant().minus(grace);
            for (var it = suspects.values().iterator(); it.hasNext(); ) {
                Suspect s = it.next();
                if (!s.since().isAfter(before)) {
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
                        add(s.ctx(), List.of(found.get()), RollupKeys.buckets(List.of(found.get())));
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
        return recount.rebuild(ctx, from, to);
    }

    /** Whether the repair of a previous crash is done (the journal's forwarder waits for it). */
    public boolean recovered() {
        return recovered;
    }

    /**
     * Stops the writes after a last flush given at most {@link #LAST_FLUSH} (a backend that does not
     * answer must not hold the process's stop: what is not written stays marked in the log and is
     * recounted at the next start), then closes the log.
     */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.close(LAST_FLUSH);
        }
        Thread last = Thread.ofVirtual().name("northstar-rollups-last-flush").start(() -> {
            try {
                flush();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "rollups: the last flush failed (left for the next start): " + e.getMessage());
            }
        });
        try {
            if (!last.join(LAST_FLUSH)) {
                LOG.log(Level.WARNING, "rollups: the last flush did not finish within " + LAST_FLUSH.toMillis()
                        + " ms; its buckets stay marked and are recounted at the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close();
    }
}
