package northstar.bootstrap;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import northstar.domain.ErrorCode;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.StoreException;
import northstar.domain.analytics.AnalyticsQuery;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.analytics.IngestResult;

/**
 * A real analytics store behind a switch the test turns: frozen (ingests hang until thawed, like a
 * SIGSTOPped server), down (ingests fail retryably), landing late (the write lands, then the call
 * fails, as when the answer is lost), or retried by its SDK (the write lands and the same request is
 * sent again). Reads always reach the real store. It records the ids in the order they were stored,
 * and refuses as invalid, always, any batch holding an event whose payload has a "poison" field.
 */
final class FaultyAnalyticsStore implements AnalyticsStore {
    enum Mode { NORMAL, FROZEN, DOWN, LANDS_THEN_FAILS, SDK_RETRIES }

    private final AnalyticsStore real;
    private volatile Mode mode = Mode.NORMAL;
    private volatile CountDownLatch thaw = new CountDownLatch(0);
    final List<String> storedInOrder = new CopyOnWriteArrayList<>();

    FaultyAnalyticsStore(AnalyticsStore real) {
        this.real = real;
    }

    void set(Mode m) {
        if (m == Mode.FROZEN) {
            thaw = new CountDownLatch(1);
        }
        mode = m;
        if (m != Mode.FROZEN) {
            thaw.countDown();
        }
    }

    @Override
    public List<IngestResult> ingest(northstar.domain.analytics.EventBatch<AnalyticsRecord> records) {
        Mode m = mode;
        if (m == Mode.FROZEN) {
            try {
                if (!thaw.await(60, TimeUnit.SECONDS)) {
                    throw new StoreException(ErrorCode.UNAVAILABLE, "faulty", "frozen past the test", true, null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException(ErrorCode.UNAVAILABLE, "faulty", "interrupted while frozen", true, e);
            }
            m = mode;
        }
        if (m == Mode.DOWN) {
            throw new StoreException(ErrorCode.UNAVAILABLE, "faulty", "injected outage", true, null);
        }
        if (records.events().stream().anyMatch(r -> r.payload().containsKey("poison"))) {
            // as a store refuses what it cannot hold (an item over its size limit): the same every time
            throw new StoreException(ErrorCode.INVALID_ARGUMENT, "faulty", "payload refused by the store", false, null);
        }
        List<IngestResult> results = record(real.ingest(records));
        if (m == Mode.LANDS_THEN_FAILS) {
            throw new StoreException(ErrorCode.UNAVAILABLE, "faulty", "the answer was lost", true, null);
        }
        return m == Mode.SDK_RETRIES ? record(real.ingest(records)) : results;
    }

    private List<IngestResult> record(List<IngestResult> results) {
        results.stream().filter(r -> r instanceof IngestResult.Stored).forEach(r -> storedInOrder.add(r.record().analyticsId()));
        return results;
    }

    @Override
    public Optional<AnalyticsRecord> get(String tenantId, String analyticsId) {
        return real.get(tenantId, analyticsId);
    }

    @Override
    public Page<AnalyticsRecord> query(String tenantId, northstar.domain.ProjectScope projects, AnalyticsQuery query) {
        return real.query(tenantId, projects, query);
    }

    @Override
    public Page<AnalyticsRecord> queryByRun(String tenantId, northstar.domain.ProjectScope projects, String runId,
                                            PageRequest page) {
        return real.queryByRun(tenantId, projects, runId, page);
    }

    @Override
    public String backendType() {
        return real.backendType();
    }

    @Override
    public boolean labOnly() {
        return real.labOnly();
    }

    @Override
    public void probe() {
        real.probe();
    }

    @Override
    public void close() {
        thaw.countDown();
        real.close();
    }
}
