package northstar.application.insight;

import java.util.HashMap;
import java.util.Map;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TabularStore;

/**
 * A session's index item per project: the hour buckets it has counters in, one attribute each, so a
 * session summary finds its counters without a scan. Naming an hour is idempotent (it sets an
 * attribute to 1), so it needs no token; it is written before the hour's counters, and a recount
 * writes it again.
 */
final class SessionIndex {
    private static final String TOUCHES = "touches";

    private SessionIndex() {
    }

    /** Names a session counter's hour in its session's index item, creating the item when absent. */
    static void touch(TabularStore store, String tenantId, RollupCounts.Counter counter) {
        String session = counter.group().get("session_id");
        String project = counter.group().get(RollupKeys.PROJECT);
        TabularKey key = new TabularKey(tenantId, RollupKeys.TABLE, RollupKeys.sessionIndex(session, project));
        Map<String, Object> hour = Map.of(RollupKeys.hourField(counter.bucket()), 1.0);
        CounterWriter.incrementCreating(store, key, TOUCHES, 0, hour, null, java.util.Set.of(),
                () -> new HashMap<>(Map.of("session_id", session, RollupKeys.PROJECT, project, TOUCHES, 0.0)));
    }
}
