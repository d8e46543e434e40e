package northstar.bootstrap;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import northstar.domain.ErrorCode;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.StoreException;
import northstar.domain.tabular.TabularItem;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TabularStore;
import northstar.domain.tabular.WriteCondition;

/** A real tabular store whose puts fail, like an unreachable backend, for the keys a test chooses. */
final class FlakyTabularStore implements TabularStore {
    private final TabularStore real;
    volatile Predicate<TabularKey> failPutsOf = k -> false;
    /** Every call fails, as when the whole backend is unreachable. */
    volatile boolean down;
    /** Puts that fail for their caller but land later, when the test says (an answer lost, a write slow). */
    volatile java.util.function.BiPredicate<TabularKey, WriteCondition> lateWritesOf = (k, c) -> false;
    private final java.util.List<Runnable> late = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Lands the late writes now, in order; each one's own outcome (a condition no longer holding) is its own. */
    void landLateWrites() {
        for (Runnable r : late) {
            try {
                r.run();
            } catch (StoreException ignored) {
                // a late write whose condition no longer holds changes nothing, as it would in the store
            }
        }
        late.clear();
    }

    FlakyTabularStore(TabularStore real) {
        this.real = real;
    }

    @Override
    public TabularItem put(TabularKey key, Map<String, Object> attributes, WriteCondition condition) {
        if (lateWritesOf.test(key, condition)) {
            late.add(() -> real.put(key, attributes, condition));
            throw new StoreException(ErrorCode.UNAVAILABLE, "flaky", "no answer (the write lands later)", true, null);
        }
        if (down || failPutsOf.test(key)) {
            throw new StoreException(ErrorCode.UNAVAILABLE, "flaky", "injected outage", true, null);
        }
        return real.put(key, attributes, condition);
    }

    @Override
    public Optional<TabularItem> get(TabularKey key) {
        failIfDown();
        return real.get(key);
    }

    @Override
    public boolean delete(TabularKey key, WriteCondition condition) {
        return real.delete(key, condition);
    }

    @Override
    public Page<TabularItem> list(northstar.domain.tabular.TableRef table, String keyPrefix, PageRequest page) {
        return real.list(table, keyPrefix, page);
    }

    @Override
    public TabularItem increment(TabularKey key, String field, double amount, String ceilingField,
                                 Map<String, Object> alsoSet, String unlessPresent, java.util.Set<String> alsoRemove) {
        failIfDown();
        return real.increment(key, field, amount, ceilingField, alsoSet, unlessPresent, alsoRemove);
    }

    @Override
    public String backendType() {
        return real.backendType();
    }

    @Override
    public void probe() {
        real.probe();
    }

    @Override
    public void close() {
        real.close();
    }

    private void failIfDown() {
        if (down) {
            throw new StoreException(ErrorCode.UNAVAILABLE, "flaky", "injected outage", true, null);
        }
    }
}
