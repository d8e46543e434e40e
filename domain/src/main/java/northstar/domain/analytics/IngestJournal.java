package northstar.domain.analytics;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import northstar.domain.RequestContext;

/**
 * Outbound port: a local, durable buffer of accepted events whose store of record did not answer in
 * time. It is not a store of record: an entry lives only until it is delivered.
 *
 * <p>The contract:
 * <ol>
 * <li><b>Durable on return.</b> When {@link #append} returns, the entry survives a crash of the
 * process (kill -9) and of the machine (it is on disk, synced).</li>
 * <li><b>Bounded.</b> An append that would take the journal past its bound fails with
 * RESOURCE_EXHAUSTED (retryable) and writes nothing.</li>
 * <li><b>In order.</b> {@link #oldest} returns unacknowledged entries in append order.</li>
 * <li><b>Acknowledged entries are done.</b> After {@link #acknowledge} an entry is not returned
 * again (an acknowledgement lost in a crash only makes it come back, and delivery is idempotent).</li>
 * <li><b>Pending lookups.</b> {@link #pending} finds an unacknowledged event by tenant and id.</li>
 * </ol>
 */
public interface IngestJournal extends AutoCloseable {
    /** One append: the caller's context and its events, under a sequence number. */
    record Entry(long sequence, RequestContext context, List<AcceptedEvent> events) {
        public Entry {
            Objects.requireNonNull(context, "context");
            events = List.copyOf(events);
        }
    }

    Entry append(RequestContext context, List<AcceptedEvent> events);

    List<Entry> oldest(int max);

    void acknowledge(long sequence);

    Optional<AcceptedEvent> pending(String tenantId, String analyticsId);

    /** Whether the tenant has unacknowledged entries (new events then queue behind them). */
    boolean holds(String tenantId);

    /** Unacknowledged entries. */
    int size();

    /** Bytes on disk, and the bound. */
    long bytes();

    long maxBytes();

    @Override
    void close();
}
