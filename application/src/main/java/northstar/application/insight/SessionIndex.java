package northstar.application.insight;

import java.util.HashMap;
import java.util.Map;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TabularStore;
import northstar.domain.tabular.WriteCondition;

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
        for (int attempt = 0; ; attempt++) {
            try {
                store.increment(key, TOUCHES, 0, null, hour);
                return;
            } catch (StoreException e) {
                if (e.code() != ErrorCode.NOT_FOUND || attempt > 0) {
                    throw e;
                }
            }
            Map<String, Object> first = new HashMap<>(hour);
            first.put("session_id", session);
            first.put(RollupKeys.PROJECT, project);
            first.put(TOUCHES, 0.0);
            try {
                store.put(key, first, WriteCondition.IF_ABSENT);
                return;
            } catch (StoreException e) {
                if (e.code() != ErrorCode.ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
    }
}
