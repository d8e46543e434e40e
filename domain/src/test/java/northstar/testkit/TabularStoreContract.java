package northstar.testkit;

import static northstar.testkit.Fixtures.anyTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import northstar.domain.ErrorCode;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.StoreException;
import northstar.domain.tabular.TabularItem;
import northstar.domain.tabular.TabularKey;
import northstar.domain.tabular.TableRef;
import northstar.domain.tabular.TabularStore;
import northstar.domain.tabular.WriteCondition;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TabularStore contract (see its Javadoc), written once. An adapter's test extends this class
 * and says only how to build a fresh, empty store.
 */
public abstract class TabularStoreContract {
    private static final String TABLE = "things";
    protected TabularStore store;

    protected abstract TabularStore newStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private static TabularKey key(String tenant, String key) {
        return new TabularKey(tenant, TABLE, key);
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private List<TabularItem> listAll(String tenant, String prefix, int pageSize) {
        List<TabularItem> out = new ArrayList<>();
        PageRequest page = PageRequest.first(pageSize);
        while (true) {
            Page<TabularItem> p = store.list(new TableRef(tenant, TABLE), prefix, page);
            assertThat(p.items().size()).isLessThanOrEqualTo(pageSize);
            out.addAll(p.items());
            if (p.nextCursor().isEmpty()) {
                return out;
            }
            page = page.next(p.nextCursor().get());
        }
    }

    @Test
    void getOfAnAbsentKeyIsEmpty() {
        assertThat(store.get(key(anyTenant(), "nothing"))).isEmpty();
    }

    @Test
    void putCreatesAtVersionOneAndEveryWriteAddsOne() {
        TabularKey k = key(anyTenant(), "k");
        Map<String, Object> doc = Map.of("name", "x", "count", 3L, "ratio", 0.5, "ok", true,
                "nested", Map.of("list", List.of(1L, "two", 3.5, false), "empty", Map.of()));

        TabularItem created = store.put(k, doc, WriteCondition.NONE);
        TabularItem replaced = store.put(k, Map.of("name", "y"), WriteCondition.NONE);

        assertThat(created.version()).isEqualTo(1);
        assertThat(created.attributes()).isEqualTo(doc);
        assertThat(replaced.version()).isEqualTo(2);
        assertThat(store.get(k)).contains(new TabularItem(k, Map.of("name", "y"), 2));
    }

    @Test
    void documentsReadBackWithTheirTypes() {
        TabularKey k = key(anyTenant(), "typed");
        Map<String, Object> doc = new HashMap<>();
        doc.put("long", 42L);
        doc.put("whole_double", 5.0);
        doc.put("double", 0.1);
        doc.put("big", 9007199254740991L);
        doc.put("text", "héllo \"quoted\" ✓");
        doc.put("nothing", null);
        doc.put("list", Arrays.asList(1L, null, "x"));
        store.put(k, doc, WriteCondition.NONE);

        Map<String, Object> read = store.get(k).orElseThrow().attributes();

        doc.put("whole_double", 5L);
        assertThat(read).isEqualTo(doc);
        assertThat(read.get("double")).isInstanceOf(Double.class);
        assertThat(read.get("long")).isInstanceOf(Long.class);
    }

    @Test
    void ifAbsentRefusesAnExistingKeyAndChangesNothing() {
        TabularKey k = key(anyTenant(), "once");
        store.put(k, Map.of("v", "first"), WriteCondition.IF_ABSENT);

        assertCode(() -> store.put(k, Map.of("v", "second"), WriteCondition.IF_ABSENT), ErrorCode.ALREADY_EXISTS);
        assertThat(store.get(k)).contains(new TabularItem(k, Map.of("v", "first"), 1));
    }

    @Test
    void ifVersionRefusesAStaleOrAbsentItemAndChangesNothing() {
        TabularKey k = key(anyTenant(), "versioned");
        TabularItem v1 = store.put(k, Map.of("v", 1L), WriteCondition.NONE);
        TabularItem v2 = store.put(k, Map.of("v", 2L), WriteCondition.ifVersion(v1.version()));

        assertCode(() -> store.put(k, Map.of("v", 3L), WriteCondition.ifVersion(v1.version())),
                ErrorCode.FAILED_PRECONDITION);
        assertCode(() -> store.put(key(k.tenantId(), "absent"), Map.of("v", 3L), WriteCondition.ifVersion(1)),
                ErrorCode.FAILED_PRECONDITION);
        assertThat(store.get(k)).contains(v2);
        assertThat(store.get(key(k.tenantId(), "absent"))).isEmpty();
    }

    @Test
    void deleteReportsWhetherAnItemWasThereAndHonoursItsCondition() {
        TabularKey k = key(anyTenant(), "gone");
        TabularItem v1 = store.put(k, Map.of("v", 1L), WriteCondition.NONE);
        store.put(k, Map.of("v", 2L), WriteCondition.NONE);

        assertCode(() -> store.delete(k, WriteCondition.ifVersion(v1.version())), ErrorCode.FAILED_PRECONDITION);
        assertThat(store.get(k)).isPresent();
        assertThat(store.delete(k, WriteCondition.ifVersion(2))).isTrue();
        assertThat(store.get(k)).isEmpty();
        assertThat(store.delete(k, WriteCondition.NONE)).isFalse();
    }

    @Test
    void listReturnsThePrefixInKeyOrderAndNothingAround() {
        String tenant = anyTenant();
        for (String k : List.of("a:2", "a:10", "a:1", "a;", "a", "ab:1", "a:é", "a:z", "b:1", "a:\uD83D\uDE00")) {
            store.put(key(tenant, k), Map.of("k", k), WriteCondition.NONE);
        }

        List<String> keys = listAll(tenant, "a:", 100).stream().map(i -> i.key().key()).toList();

        assertThat(keys).containsExactly("a:1", "a:10", "a:2", "a:z", "a:é", "a:\uD83D\uDE00");
        assertThat(listAll(tenant, "", 100)).hasSize(10);
    }

    @Test
    void queryLanguageCharactersInKeysAndPrefixesAreJustData() {
        String tenant = anyTenant();
        List<String> keys = List.of("q'1", "q'2", "q\"1", "q%1", "q_1", "q\\1", "q' OR '1'='1", "qx");
        for (String k : keys) {
            store.put(key(tenant, k), Map.of("k", k), WriteCondition.NONE);
        }

        assertThat(listAll(tenant, "q'", 100)).extracting(i -> i.key().key()).containsExactly("q' OR '1'='1", "q'1", "q'2");
        assertThat(listAll(tenant, "q%", 100)).extracting(i -> i.key().key()).containsExactly("q%1");
        assertThat(listAll(tenant, "q_", 100)).extracting(i -> i.key().key()).containsExactly("q_1");
        assertThat(listAll(tenant, "q\"", 100)).extracting(i -> i.key().key()).containsExactly("q\"1");
        assertThat(listAll(tenant, "q\\", 100)).extracting(i -> i.key().key()).containsExactly("q\\1");
        for (String k : keys) {
            assertThat(store.get(key(tenant, k)).orElseThrow().attributes()).containsEntry("k", k);
        }
    }

    @Test
    void pagingVisitsEveryItemExactlyOnce() {
        String tenant = anyTenant();
        for (int i = 0; i < 47; i++) {
            store.put(key(tenant, String.format("p:%03d", i)), Map.of("i", (long) i), WriteCondition.NONE);
        }

        List<TabularItem> items = listAll(tenant, "p:", 5);

        assertThat(items).extracting(i -> i.attributes().get("i")).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, 47).boxed().map(Object.class::cast).toList());
    }

    @Test
    void aMalformedCursorIsInvalidArgument() {
        assertCode(() -> store.list(new TableRef(anyTenant(), TABLE), "", new PageRequest(5, "%%%")), ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void incrementAddsToANumberCountingAnAbsentOneAsZero() {
        TabularKey k = key(anyTenant(), "counter");
        store.put(k, Map.of("name", "c"), WriteCondition.NONE);

        TabularItem once = store.increment(k, "n", 2.5, null, Map.of("updated_at", "t1"));
        TabularItem twice = store.increment(k, "n", 4, null, Map.of());

        assertThat(once.number("n")).isEqualTo(2.5);
        assertThat(once.string("updated_at")).isEqualTo("t1");
        assertThat(twice.number("n")).isEqualTo(6.5);
        assertThat(twice.version()).isEqualTo(3);
        assertThat(store.get(k).orElseThrow().attributes()).containsEntry("name", "c").containsEntry("updated_at", "t1");
    }

    @Test
    void incrementOfAnAbsentItemIsNotFoundAndOfANonNumberIsFailedPrecondition() {
        String tenant = anyTenant();
        assertCode(() -> store.increment(key(tenant, "none"), "n", 1, null, Map.of()), ErrorCode.NOT_FOUND);
        assertThat(store.get(key(tenant, "none"))).isEmpty();
        TabularKey k = key(tenant, "text");
        store.put(k, Map.of("n", "seven"), WriteCondition.NONE);
        assertCode(() -> store.increment(k, "n", 1, null, Map.of()), ErrorCode.FAILED_PRECONDITION);
    }

    @Test
    void incrementPastTheCeilingIsRefusedAndChangesNothing() {
        TabularKey k = key(anyTenant(), "budget");
        store.put(k, Map.of("usage", 90.0, "hard_limit", 100.0), WriteCondition.NONE);

        TabularItem toLimit = store.increment(k, "usage", 10, "hard_limit", Map.of());
        assertCode(() -> store.increment(k, "usage", 0.5, "hard_limit", Map.of("updated_at", "never")),
                ErrorCode.FAILED_PRECONDITION);

        assertThat(toLimit.number("usage")).isEqualTo(100.0);
        assertThat(store.get(k)).contains(toLimit);
        TabularKey unlimited = key(k.tenantId(), "unlimited");
        store.put(unlimited, Map.of("usage", 0L), WriteCondition.NONE);
        assertThat(store.increment(unlimited, "usage", 1e12, "hard_limit", Map.of()).number("usage")).isEqualTo(1e12);
    }

    @Test
    void concurrentIncrementsAreNeverLost() throws Exception {
        TabularKey k = key(anyTenant(), "hits");
        store.put(k, Map.of("n", 0L), WriteCondition.NONE);

        Concurrently.run(16, t -> {
            for (int i = 0; i < 50; i++) {
                store.increment(k, "n", 1, null, Map.of());
            }
            return null;
        });

        assertThat(store.get(k).orElseThrow().number("n")).isEqualTo(800.0);
    }

    @Test
    void theCeilingHoldsUnderSixteenConcurrentIncrementers() throws Exception {
        TabularKey k = key(anyTenant(), "limited");
        store.put(k, Map.of("usage", 0L, "hard_limit", 300.0), WriteCondition.NONE);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();

        Concurrently.run(16, t -> {
            for (int i = 0; i < 25; i++) {
                try {
                    store.increment(k, "usage", 1, "hard_limit", Map.of());
                    accepted.incrementAndGet();
                } catch (StoreException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
                    refused.incrementAndGet();
                }
            }
            return null;
        });

        assertThat(accepted.get()).isEqualTo(300);
        assertThat(refused.get()).isEqualTo(16 * 25 - 300);
        assertThat(store.get(k).orElseThrow().number("usage")).isEqualTo(300.0);
    }

    @Test
    void anIncrementOnceAppliesAndThenRefusesItsRepeatChangingNothing() {
        TabularKey k = key(anyTenant(), "once");
        store.put(k, Map.of("usage", 0L, "hard_limit", 10.0), WriteCondition.NONE);

        // the token's name has capitals, as a client key's digest does: it must be the name checked
        TabularItem applied = store.increment(k, "usage", 3, "hard_limit", Map.of("tok:Ab", "3"), "tok:Ab", java.util.Set.of());
        assertCode(() -> store.increment(k, "usage", 3, "hard_limit", Map.of("tok:Ab", "3"), "tok:Ab", java.util.Set.of()),
                ErrorCode.ALREADY_EXISTS);
        // the repeat is refused as applied even where the ceiling would refuse it too
        assertCode(() -> store.increment(k, "usage", 50, "hard_limit", Map.of("tok:Ab", "50"), "tok:Ab", java.util.Set.of()),
                ErrorCode.ALREADY_EXISTS);

        assertThat(applied.number("usage")).isEqualTo(3.0);
        assertThat(applied.string("tok:Ab")).isEqualTo("3");
        assertThat(store.get(k)).contains(applied);
    }

    @Test
    void sixteenCallersRepeatingTheSameOnceIncrementsApplyEachExactlyOnce() throws Exception {
        TabularKey k = key(anyTenant(), "keyed");
        store.put(k, Map.of("usage", 0L), WriteCondition.NONE);
        int tokens = 25;
        java.util.concurrent.ConcurrentHashMap<Integer, AtomicInteger> applied = new java.util.concurrent.ConcurrentHashMap<>();

        Concurrently.run(16, t -> {
            for (int i = 0; i < tokens; i++) {
                int token = (i + t) % tokens; // each thread starts elsewhere: repeats meet each other mid-flight
                try {
                    store.increment(k, "usage", token + 1, null, Map.of("tok:T" + token, "x"), "tok:T" + token,
                            java.util.Set.of());
                    applied.computeIfAbsent(token, x -> new AtomicInteger()).incrementAndGet();
                } catch (StoreException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                }
            }
            return null;
        });

        assertThat(applied).hasSize(tokens);
        assertThat(applied.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(store.get(k).orElseThrow().number("usage")).isEqualTo(tokens * (tokens + 1) / 2.0);
    }

    @Test
    void anIncrementRemovesAttributesInTheSameStepIgnoringAbsentOnes() {
        TabularKey k = key(anyTenant(), "pruned");
        store.put(k, Map.of("usage", 1L, "tok:old", "x", "tok:older", "y", "keep", "z"), WriteCondition.NONE);

        TabularItem after = store.increment(k, "usage", 1, null, Map.of("tok:new", "n"), "tok:new",
                java.util.Set.of("tok:old", "tok:older", "tok:never-there"));

        assertThat(after.attributes()).containsKeys("tok:new", "keep").doesNotContainKeys("tok:old", "tok:older");
        assertThat(after.number("usage")).isEqualTo(2.0);
        assertThat(store.get(k)).contains(after);
        assertCode(() -> store.increment(k, "usage", 1, null, Map.of(), null, java.util.Set.of("a", "b", "c", "d", "e")),
                ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void concurrentCreatesOfOneKeyHaveExactlyOneWinner() throws Exception {
        TabularKey k = key(anyTenant(), "race");
        List<Boolean> won = Concurrently.run(16, t -> {
            try {
                store.put(k, Map.of("winner", (long) t), WriteCondition.IF_ABSENT);
                return true;
            } catch (StoreException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                return false;
            }
        });

        assertThat(won.stream().filter(w -> w)).hasSize(1);
        assertThat(store.get(k).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void optimisticWritersGuardedByVersionLoseNoUpdate() throws Exception {
        TabularKey k = key(anyTenant(), "cas");
        store.put(k, Map.of("n", 0L), WriteCondition.NONE);

        Concurrently.run(16, t -> {
            for (int i = 0; i < 10; i++) {
                while (true) {
                    TabularItem current = store.get(k).orElseThrow();
                    long n = (Long) current.attributes().get("n");
                    try {
                        store.put(k, Map.of("n", n + 1), WriteCondition.ifVersion(current.version()));
                        break;
                    } catch (StoreException e) {
                        assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
                    }
                }
            }
            return null;
        });

        assertThat(store.get(k).orElseThrow().attributes()).containsEntry("n", 160L);
    }

    @Test
    void tenantsNeverReadOrChangeEachOthersItems() {
        String a = anyTenant();
        String b = anyTenant();
        store.put(key(a, "shared:1"), Map.of("owner", "a", "n", 1L), WriteCondition.NONE);
        store.put(key(b, "shared:1"), Map.of("owner", "b", "n", 1L), WriteCondition.IF_ABSENT);

        store.increment(key(b, "shared:1"), "n", 5, null, Map.of());
        assertThat(store.delete(key(b, "shared:1"), WriteCondition.NONE)).isTrue();

        assertThat(store.get(key(a, "shared:1")).orElseThrow().attributes()).containsEntry("owner", "a")
                .containsEntry("n", 1L);
        assertThat(listAll(a, "shared:", 10)).extracting(TabularItem::key).containsExactly(key(a, "shared:1"));
        assertThat(listAll(b, "shared:", 10)).isEmpty();
        assertCode(() -> store.increment(key(b, "shared:1"), "n", 1, null, Map.of()), ErrorCode.NOT_FOUND);
    }

    /** A conditional increment is judged by the caller's own item, never by another tenant's of the same key. */
    @Test
    void aConditionalIncrementIsJudgedByItsTenantsOwnItem() {
        String a = anyTenant();
        String b = anyTenant();
        // a's item would let everything through; b's has the token and a low ceiling
        store.put(key(a, "judged"), Map.of("usage", 0.0, "hard_limit", 1000.0), WriteCondition.NONE);
        store.put(key(b, "judged"), Map.of("usage", 0.0, "hard_limit", 5.0, "tok:B", "1"), WriteCondition.NONE);

        assertCode(() -> store.increment(key(b, "judged"), "usage", 1, null, Map.of("tok:B", "1"), "tok:B",
                java.util.Set.of()), ErrorCode.ALREADY_EXISTS);
        assertCode(() -> store.increment(key(b, "judged"), "usage", 10, "hard_limit", Map.of()),
                ErrorCode.FAILED_PRECONDITION);
        // and the other way round: b's token does not refuse a's increment
        store.increment(key(a, "judged"), "usage", 1, null, Map.of("tok:B", "1"), "tok:B", java.util.Set.of());

        assertThat(store.get(key(b, "judged")).orElseThrow().number("usage")).isEqualTo(0.0);
        assertThat(store.get(key(a, "judged")).orElseThrow().number("usage")).isEqualTo(1.0);
    }
}
