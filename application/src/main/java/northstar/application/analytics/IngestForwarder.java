package northstar.application.analytics;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import northstar.application.routing.StoreRouter;
import northstar.domain.ErrorCode;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.analytics.AcceptedEvent;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.analytics.EventStatus;
import northstar.domain.analytics.IngestJournal;

/**
 * Delivers journaled events once their backends answer: oldest first, in arrival order per tenant
 * (a tenant whose entry fails waits, the others go on), through the whole pipeline (gates and
 * budgets at delivery), idempotently by analytics_id, so a crash during delivery stores and charges
 * nothing twice. Backends that keep failing are tried again after a jittered backoff. An event its
 * store refuses as invalid (a poison event) is stored as status error with the reason instead, and
 * never retried forever.
 */
public final class IngestForwarder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(IngestForwarder.class.getName());
    private static final int WINDOW = 2048;
    /** Nobody waits on a delivery from the journal: it may take a full batch's time, within bounds. */
    private static final java.time.Duration DELIVERY_DEADLINE = java.time.Duration.ofSeconds(10);
    private static final long IDLE_NANOS = 200_000_000L;

    private final DurableIngest ingest;
    private final IngestJournal journal;
    private final StoreRouter router;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean running = true;

    public IngestForwarder(DurableIngest ingest, StoreRouter router, Clock clock) {
        this.ingest = ingest;
        this.journal = ingest.journal();
        this.router = router;
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("northstar-journal-forwarder").daemon().unstarted(this::loop);
    }

    public IngestForwarder start() {
        thread.start();
        return this;
    }

    private void loop() {
        while (running) {
            boolean progressed = false;
            try {
                progressed = pass();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "journal forwarder: " + e);
            }
            if (!progressed && running) {
                LockSupport.parkNanos(IDLE_NANOS);
            }
        }
    }

    /**
     * One pass over the oldest entries, once the rollups' repair after a crash is done; true when one was delivered. Consecutive entries of one
     * tenant and project are delivered together, up to a full batch, in their order.
     */
    boolean pass() {
        if (!ingest.rollups().recovered()) {
            return false; // events stored now must not be in the recount of what a crash left uncounted
        }
        List<IngestJournal.Entry> entries = journal.oldest(WINDOW);
        Map<List<Object>, List<IngestJournal.Entry>> groups = new LinkedHashMap<>();
        for (IngestJournal.Entry e : entries) {
            RequestContext c = e.context();
            groups.computeIfAbsent(List.of(c.tenantId(), c.mode(), c.env(), c.projectId()), k -> new ArrayList<>()).add(e);
        }
        boolean progressed = false;
        for (List<IngestJournal.Entry> group : groups.values()) {
            String tenant = group.getFirst().context().tenantId();
            for (List<IngestJournal.Entry> batch : batches(group)) {
                if (!running) {
                    return progressed;
                }
                Object backends = ingest.backendsOf(batch.getFirst().context());
                if (!ingest.circuits().mayTry(backends) || ingest.hasLateAttempts(tenant) || !deliver(batch, backends)) {
                    break; // this tenant waits (its order holds); the others go on
                }
                batch.forEach(e -> journal.acknowledge(e.sequence()));
                progressed = true;
            }
        }
        return progressed;
    }

    /** Runs of entries holding at most one store call's worth of events (an entry is never split). */
    private static List<List<IngestJournal.Entry>> batches(List<IngestJournal.Entry> group) {
        List<List<IngestJournal.Entry>> out = new ArrayList<>();
        List<IngestJournal.Entry> current = new ArrayList<>();
        int events = 0;
        for (IngestJournal.Entry e : group) {
            if (!current.isEmpty() && events + e.events().size() > AnalyticsStore.MAX_BATCH) {
                out.add(current);
                current = new ArrayList<>();
                events = 0;
            }
            current.add(e);
            events += e.events().size();
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    private boolean deliver(List<IngestJournal.Entry> batch, Object backends) {
        RequestContext ctx = batch.getFirst().context();
        List<AcceptedEvent> events = batch.stream().flatMap(e -> e.events().stream()).toList();
        try {
            ingest.attempt(ctx, events, DELIVERY_DEADLINE);
            ingest.circuits().succeeded(backends);
            return true;
        } catch (TimeoutException t) {
            ingest.circuits().failed(backends);
            LOG.log(Level.WARNING, "journal: delivery of " + events.size() + " events of tenant " + ctx.tenantId()
                    + " did not finish within the ingest deadline; retried after a backoff");
            return false;
        } catch (StoreException s) {
            if (s.retryable() || s.code() == ErrorCode.INTERNAL) {
                // an outage, or a fault an operator can fix (credentials, a missing table): keep it and retry
                ingest.circuits().failed(backends);
                LOG.log(Level.WARNING, "journal: delivery of " + events.size() + " events of tenant " + ctx.tenantId()
                        + " failed: " + s.code() + " " + s.getMessage());
                return false;
            }
            return deliverOneByOne(ctx, events);
        }
    }

    /** The entry was refused as invalid: each event alone, and the ones refused stored as errors. */
    private boolean deliverOneByOne(RequestContext ctx, List<AcceptedEvent> events) {
        for (AcceptedEvent event : events) {
            try {
                ingest.attempt(ctx, List.of(event), DELIVERY_DEADLINE);
            } catch (TimeoutException t) {
                return false;
            } catch (StoreException s) {
                if (s.retryable() || s.code() == ErrorCode.INTERNAL) {
                    return false;
                }
                storePoison(ctx, event.record(), s);
            }
        }
        return true;
    }

    private void storePoison(RequestContext ctx, AnalyticsRecord r, StoreException why) {
        String reason = "journal delivery refused: " + why.getMessage();
        AnalyticsRecord error = new AnalyticsRecord(r.analyticsId(), r.tenantId(), r.mode(), r.projectId(), r.dimensions(),
                r.utm(), Map.of("refused_payload_fields", r.payload().size()), r.usage(), EventStatus.ERROR,
                reason.length() > AnalyticsRecord.MAX_ERROR_MESSAGE ? reason.substring(0, AnalyticsRecord.MAX_ERROR_MESSAGE)
                        : reason, r.timestamp(), clock.instant());
        LOG.log(Level.WARNING, "journal: event " + r.analyticsId() + " of tenant " + r.tenantId()
                + " was refused at delivery (" + why.code() + "); stored as error with the reason");
        router.analytics(ctx).store().ingest(List.of(error));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt(); // a delivery waiting on a hung backend gives up now; its entry stays for the next start
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
