package northstar.domain.analytics;

import java.util.Map;
import java.util.Set;

/**
 * Outbound port: the local record of rollup counts not yet written, which repairs the rollups after a
 * crash between storing events and counting them.
 *
 * <p>Rollups are counted in generations: before a batch of events is stored, the buckets it will
 * count into (an hour, a day) are {@link #mark marked} in the current generation; once every count
 * of a generation is written to the tabular store and no batch that marked it is still on its way,
 * the generation is {@link #close closed}. After a crash, the buckets of every generation left open
 * are recounted from the stored events ({@link #unrepaired}), then {@link #repaired forgotten}.
 *
 * <p>The contract:
 * <ol>
 * <li><b>Written before the events.</b> When {@link #mark} returns, the mark survives a crash of the
 * process (kill -9): it is in the operating system's hands. It is not synced, so a crash of the
 * machine may lose it; the operators' {@code rollups rebuild} repairs that case.</li>
 * <li><b>Open generations come back.</b> {@link #unrepaired} returns, per tenant, the buckets marked in
 * generations a previous process never closed.</li>
 * <li><b>Bounded.</b> Closed generations take no room once the log is compacted (at open, at
 * {@link #repaired} and whenever closed marks outweigh open ones).</li>
 * </ol>
 */
public interface RollupLog extends AutoCloseable {
    /** No durable record (an embedding without a data_dir): a crash is repaired by a rebuild only. */
    RollupLog NONE = new RollupLog() {
        private final java.util.concurrent.atomic.AtomicLong generations = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public long begin() {
            return generations.incrementAndGet();
        }

        @Override
        public void mark(long generation, String tenantId, Set<String> buckets) {
        }

        @Override
        public void close(long generation) {
        }

        @Override
        public Map<String, Set<String>> unrepaired() {
            return Map.of();
        }

        @Override
        public void repaired() {
        }

        @Override
        public void close() {
        }
    };

    /** A new generation, numbered above every generation this log has seen. */
    long begin();

    /** Records that events of this tenant are about to be counted into these buckets in this generation. */
    void mark(long generation, String tenantId, Set<String> buckets);

    /** Every count of this generation is written: its marks are done with. */
    void close(long generation);

    /** Per tenant, the buckets of the generations a previous process left open (read when the log opened). */
    Map<String, Set<String>> unrepaired();

    /** The buckets {@link #unrepaired} named are recounted: they are forgotten for good. */
    void repaired();

    @Override
    void close();
}
