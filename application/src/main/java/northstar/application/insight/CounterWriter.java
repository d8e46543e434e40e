package northstar.application.insight;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TabularStore;
import northstar.domain.tabular.WriteCondition;

/**
 * Writes gathered counts: one atomic increment per counter and field, carrying a token of this
 * writer and the generation in the same step ({@code unlessPresent}), so a write retried after a lost
 * answer applies once; the next write of a field removes the token of the one before it (known to
 * have applied), so a counter keeps one token per live writer and field. An absent counter is created
 * first; a session counter's hour is named in its session's index before it is written.
 */
final class CounterWriter {
    private static final int REMEMBERED = 100_000;

    private final String writer = java.util.UUID.randomUUID().toString().substring(0, 8);
    private final Clock clock;
    /** Per counter field, the last token of this writer known to be applied. */
    private final Map<String, String> applied = lru();
    /** The session hours this writer has named in their session's index. */
    private final Map<String, String> indexedHours = lru();

    CounterWriter(Clock clock) {
        this.clock = clock;
    }

    private static Map<String, String> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > REMEMBERED;
            }
        };
    }

    /**
     * Writes a tenant's counts of a generation; each field written is removed from the counts, so a
     * failure leaves exactly the rest for the next try. Returns the increments made.
     */
    int write(TabularStore store, String tenantId, RollupCounts counts, long generation) {
        int writes = 0;
        for (var e : counts.counters().entrySet()) {
            TabularKey key = new TabularKey(tenantId, RollupKeys.TABLE, e.getKey());
            if (RollupKeys.Kind.ofBucket(e.getValue().bucket()) == RollupKeys.Kind.SESSION) {
                indexed(store, tenantId, e.getValue());
            }
            for (var field : new ArrayList<>(e.getValue().fields().entrySet())) {
                increment(store, key, e.getValue(), field.getKey(), field.getValue(), generation);
                e.getValue().fields().remove(field.getKey());
                writes++;
            }
        }
        return writes;
    }

    /** The session's index names this hour: written once per hour and session by this writer. */
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
            indexedHours.put(id, id);
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
        incrementCreating(store, key, field, amount, set, token, remove, () -> {
            Map<String, Object> first = RollupCounts.attributes(new RollupCounts.Counter(counter.bucket(),
                    counter.group(), Map.of()));
            first.put(RollupKeys.COUNT, 0.0);
            return first;
        });
        synchronized (applied) {
            applied.put(slot, token);
        }
    }

    /**
     * An increment of an item created (with the first attributes) when absent; one created meanwhile
     * by another writer is kept. An increment refused by its unlessPresent token counts as applied: an
     * earlier try of the same write did it.
     */
    static void incrementCreating(TabularStore store, TabularKey key, String field, double amount,
                                  Map<String, Object> alsoSet, String unlessPresent, Set<String> alsoRemove,
                                  java.util.function.Supplier<Map<String, Object>> first) {
        for (int attempt = 0; ; attempt++) {
            try {
                store.increment(key, field, amount, null, alsoSet, unlessPresent, alsoRemove);
                return;
            } catch (StoreException e) {
                if (e.code() == ErrorCode.ALREADY_EXISTS && unlessPresent != null) {
                    return; // an earlier try of this very write applied
                }
                if (e.code() != ErrorCode.NOT_FOUND || attempt > 0) {
                    throw e;
                }
            }
            try {
                store.put(key, first.get(), WriteCondition.IF_ABSENT);
            } catch (StoreException exists) {
                if (exists.code() != ErrorCode.ALREADY_EXISTS) {
                    throw exists;
                }
            }
        }
    }
}
