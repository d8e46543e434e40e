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

    FlakyTabularStore(TabularStore real) {
        this.real = real;
    }

    @Override
    public TabularItem put(TabularKey key, Map<String, Object> attributes, WriteCondition condition) {
        if (failPutsOf.test(key)) {
            throw new StoreException(ErrorCode.UNAVAILABLE, "flaky", "injected outage", true, null);
        }
        return real.put(key, attributes, condition);
    }

    @Override
    public Optional<TabularItem> get(TabularKey key) {
        return real.get(key);
    }

    @Override
    public boolean delete(TabularKey key, WriteCondition condition) {
        return real.delete(key, condition);
    }

    @Override
    public Page<TabularItem> list(String tenantId, String table, String keyPrefix, PageRequest page) {
        return real.list(tenantId, table, keyPrefix, page);
    }

    @Override
    public TabularItem increment(TabularKey key, String field, double amount, String ceilingField,
                                 Map<String, Object> alsoSet) {
        return real.increment(key, field, amount, ceilingField, alsoSet);
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
}
