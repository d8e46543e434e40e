package northstar.testkit;

import static northstar.testkit.Fixtures.T0;
import static northstar.testkit.Fixtures.anyId;
import static northstar.testkit.Fixtures.anyTenant;
import static northstar.testkit.Fixtures.record;
import static northstar.testkit.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import northstar.domain.ErrorCode;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.ProjectScope;
import northstar.domain.StoreException;
import northstar.domain.analytics.AnalyticsQuery;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.EventStatus;
import northstar.domain.analytics.IngestResult;
import northstar.domain.analytics.Platform;
import northstar.domain.analytics.UsageReport;
import northstar.domain.analytics.Utm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AnalyticsStore contract (see its Javadoc), written once. An adapter's test extends this class
 * and says only how to build a fresh, empty store.
 */
public abstract class AnalyticsStoreContract {
    protected AnalyticsStore store;
    /** The project of the fixtures' records. */
    private static final ProjectScope P1 = ProjectScope.of("project-1");

    /** A new store with no events, reachable only by this test. */
    protected abstract AnalyticsStore newStore() throws Exception;

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

    private static AnalyticsQuery range(Instant start, Instant end, int limit) {
        return new AnalyticsQuery(start, end, Optional.empty(), Optional.empty(), PageRequest.first(limit));
    }

    private static <T> List<T> all(Function<PageRequest, Page<T>> fetch, int pageSize) {
        List<T> out = new ArrayList<>();
        PageRequest page = PageRequest.first(pageSize);
        while (true) {
            Page<T> p = fetch.apply(page);
            assertThat(p.items().size()).isLessThanOrEqualTo(pageSize);
            out.addAll(p.items());
            if (p.nextCursor().isEmpty()) {
                return out;
            }
            page = page.next(p.nextCursor().get());
        }
    }

    @Test
    void ingestStoresANewRecordThatReadsBackEqual() {
        String tenant = anyTenant();
        AnalyticsRecord r = new AnalyticsRecord(anyId(), tenant, northstar.domain.Mode.SAAS, "proj-9",
                new Dimensions("canvas", "inspector", Platform.MOBILE, "s_1", "r_1", "run-1", "step_3"),
                new Utm("google", "cpc", "brand", "ad-1", "shoes"),
                Map.of("nested", Map.of("list", List.of(1L, 2.5, "x", true)), "count", 3L, "ratio", 0.25),
                new UsageReport("openai", "tokens", 1200.5), EventStatus.ERROR, "model timed out",
                Instant.parse("2026-01-10T12:00:00.123456789Z"), Instant.parse("2026-01-10T12:00:01Z"));

        List<IngestResult> results = store.ingest(List.of(r));

        assertThat(results).containsExactly(new IngestResult.Stored(r));
        AnalyticsRecord read = store.get(tenant, r.analyticsId()).orElseThrow();
        assertThat(read).isEqualTo(r);
        assertThat(read.timestamp()).isEqualTo(Instant.parse("2026-01-10T12:00:00.123456Z"));
    }

    @Test
    void getOfAnUnknownIdIsEmpty() {
        assertThat(store.get(anyTenant(), anyId())).isEmpty();
    }

    @Test
    void ingestOfAStoredIdChangesNothingAndReturnsTheStoredRecord() {
        String tenant = anyTenant();
        AnalyticsRecord first = record(tenant, "evt-1", T0);
        AnalyticsRecord other = record(tenant, "evt-1", T0.plusSeconds(60)).withOutcome(EventStatus.ERROR, "boom");
        store.ingest(List.of(first));

        List<IngestResult> again = store.ingest(List.of(other));

        assertThat(again).containsExactly(new IngestResult.Existing(first));
        assertThat(store.get(tenant, "evt-1")).contains(first);
    }

    @Test
    void aBatchStoresEachNewRecordAndReportsEachInOrder() {
        String tenant = anyTenant();
        AnalyticsRecord old = record(tenant, "old", T0);
        store.ingest(List.of(old));
        AnalyticsRecord a = record(tenant, "a", T0.plusSeconds(1));
        AnalyticsRecord dupOfA = record(tenant, "a", T0.plusSeconds(2));
        AnalyticsRecord b = record(tenant, "b", T0.plusSeconds(3));

        List<IngestResult> results = store.ingest(List.of(a, record(tenant, "old", T0.plusSeconds(9)), dupOfA, b));

        assertThat(results).containsExactly(new IngestResult.Stored(a), new IngestResult.Existing(old),
                new IngestResult.Existing(a), new IngestResult.Stored(b));
    }

    @Test
    void aFullBatchIsStoredInOneCall() {
        String tenant = anyTenant();
        List<AnalyticsRecord> batch = IntStream.range(0, AnalyticsStore.MAX_BATCH)
                .mapToObj(i -> record(tenant, "b-" + i, T0.plusMillis(i))).toList();

        List<IngestResult> results = store.ingest(batch);

        assertThat(results).allMatch(r -> r instanceof IngestResult.Stored).hasSize(AnalyticsStore.MAX_BATCH);
        assertThat(all(p -> store.query(tenant, P1, new AnalyticsQuery(T0, T0.plusSeconds(3600), Optional.empty(),
                Optional.empty(), p)), 1000)).hasSize(AnalyticsStore.MAX_BATCH);
    }

    @Test
    void concurrentIngestsOfOneIdStoreItExactlyOnce() throws Exception {
        String tenant = anyTenant();
        List<IngestResult> results = Concurrently.run(16,
                t -> store.ingest(List.of(record(tenant, "same", T0.plusSeconds(t)))).getFirst());

        assertThat(results.stream().filter(r -> r instanceof IngestResult.Stored)).hasSize(1);
        AnalyticsRecord winner = results.stream().filter(r -> r instanceof IngestResult.Stored).findFirst()
                .orElseThrow().record();
        assertThat(results).allMatch(r -> r.record().equals(winner));
        assertThat(all(p -> store.query(tenant, P1, new AnalyticsQuery(T0, T0.plusSeconds(60), Optional.empty(),
                Optional.empty(), p)), 100)).containsExactly(winner);
    }

    @Test
    void concurrentIngestsOfDistinctEventsAreAllStored() throws Exception {
        String tenant = anyTenant();
        Concurrently.run(16, t -> {
            for (int i = 0; i < 25; i++) {
                store.ingest(List.of(record(tenant, "t" + t + "-" + i, T0.plusMillis(t * 100L + i))));
            }
            return null;
        });

        assertThat(all(p -> store.query(tenant, P1, new AnalyticsQuery(T0, T0.plusSeconds(60), Optional.empty(),
                Optional.empty(), p)), 100)).hasSize(16 * 25);
    }

    @Test
    void rangeIsHalfOpenAndOrderedByTimestampThenId() {
        String tenant = anyTenant();
        AnalyticsRecord before = record(tenant, "before", T0.minusNanos(1000));
        AnalyticsRecord atStartB = record(tenant, "b", T0);
        AnalyticsRecord atStartA = record(tenant, "a", T0);
        AnalyticsRecord middle = record(tenant, "m", T0.plusSeconds(30));
        AnalyticsRecord atEnd = record(tenant, "end", T0.plusSeconds(60));
        store.ingest(List.of(middle, atEnd, atStartB, before, atStartA));

        Page<AnalyticsRecord> page = store.query(tenant, P1, range(T0, T0.plusSeconds(60), 100));

        assertThat(page.items()).containsExactly(atStartA, atStartB, middle);
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void rangeFiltersByAppAndByPlatform() {
        String tenant = anyTenant();
        AnalyticsRecord webBuilder = record(tenant, "1", T0, Fixtures.dimensions("agent_builder", Platform.WEB));
        AnalyticsRecord mobileBuilder = record(tenant, "2", T0.plusSeconds(1),
                Fixtures.dimensions("agent_builder", Platform.MOBILE));
        AnalyticsRecord webCanvas = record(tenant, "3", T0.plusSeconds(2), Fixtures.dimensions("canvas", Platform.WEB));
        store.ingest(List.of(webBuilder, mobileBuilder, webCanvas));
        Instant end = T0.plusSeconds(10);

        assertThat(store.query(tenant, P1, new AnalyticsQuery(T0, end, Optional.of("agent_builder"), Optional.empty(),
                PageRequest.first(10))).items()).containsExactly(webBuilder, mobileBuilder);
        assertThat(store.query(tenant, P1, new AnalyticsQuery(T0, end, Optional.empty(), Optional.of(Platform.WEB),
                PageRequest.first(10))).items()).containsExactly(webBuilder, webCanvas);
        assertThat(store.query(tenant, P1, new AnalyticsQuery(T0, end, Optional.of("canvas"), Optional.of(Platform.WEB),
                PageRequest.first(10))).items()).containsExactly(webCanvas);
        assertThat(store.query(tenant, P1, new AnalyticsQuery(T0, end, Optional.of("canvas"), Optional.of(Platform.MOBILE),
                PageRequest.first(10))).items()).isEmpty();
    }

    @Test
    void pagingVisitsEveryMatchExactlyOnceInOrder() {
        String tenant = anyTenant();
        List<AnalyticsRecord> stored = new ArrayList<>();
        for (int i = 0; i < 53; i++) {
            // pairs share a timestamp, so pages must break ties by id
            stored.add(record(tenant, String.format("id-%03d", 100 - i), T0.plusSeconds(i / 2)));
        }
        store.ingest(stored);

        List<AnalyticsRecord> paged = all(p -> store.query(tenant, P1,
                new AnalyticsQuery(T0, T0.plusSeconds(3600), Optional.empty(), Optional.empty(), p)), 7);

        List<AnalyticsRecord> expected = stored.stream().sorted(java.util.Comparator
                .comparing(AnalyticsRecord::timestamp).thenComparing(AnalyticsRecord::analyticsId)).toList();
        assertThat(paged).containsExactlyElementsOf(expected);
    }

    /** Pages of a listing cut by maxBytes, checked and collected until the last. */
    private static <T> List<List<T>> pagesByBytes(Function<PageRequest, Page<T>> fetch, long maxBytes) {
        List<List<T>> pages = new ArrayList<>();
        PageRequest page = new PageRequest(PageRequest.MAX_LIMIT, null, maxBytes);
        while (true) {
            Page<T> p = fetch.apply(page);
            assertThat(p.items()).as("a page cut by bytes still holds an item").isNotEmpty();
            pages.add(p.items());
            if (p.nextCursor().isEmpty()) {
                return pages;
            }
            assertThat(pages).as("paging ends").hasSizeLessThan(100);
            page = page.next(p.nextCursor().get());
        }
    }

    @Test
    void pagesAreCutByBytesAsWellAsByCountAndStillVisitEveryMatchOnceInOrder() {
        String tenant = anyTenant();
        String filler = "x".repeat(3000);
        List<AnalyticsRecord> stored = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Instant at = T0.plusSeconds(i);
            stored.add(new AnalyticsRecord(String.format("big-%02d", i), tenant, northstar.domain.Mode.LAB, "project-1",
                    new northstar.domain.analytics.Dimensions("agent_builder", "timeline",
                            northstar.domain.analytics.Platform.API, "s_1", "r_1", "run-big", "step_" + i),
                    null, java.util.Map.of("blob", filler), null, northstar.domain.analytics.EventStatus.SUCCESS, null,
                    at, at.plusMillis(5)));
        }
        store.ingest(stored);
        long maxBytes = 10_000;

        List<List<AnalyticsRecord>> range = pagesByBytes(p -> store.query(tenant, P1, new AnalyticsQuery(T0,
                T0.plusSeconds(3600), Optional.empty(), Optional.empty(), p)), maxBytes);
        List<List<AnalyticsRecord>> run = pagesByBytes(p -> store.queryByRun(tenant, P1, "run-big", p), maxBytes);

        for (List<List<AnalyticsRecord>> pages : List.of(range, run)) {
            // 20 events of 3 KB in pages of about 10 KB: several pages, none near the count limit
            assertThat(pages).hasSizeGreaterThanOrEqualTo(3);
            assertThat(pages).allSatisfy(page -> assertThat(page.size()).isLessThanOrEqualTo(7));
            assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(stored);
        }
    }

    @Test
    void aMalformedCursorIsInvalidArgument() {
        String tenant = anyTenant();
        assertThatThrownBy(() -> store.query(tenant, P1, new AnalyticsQuery(T0, T0.plusSeconds(1), Optional.empty(),
                Optional.empty(), new PageRequest(10, "not-a-cursor!"))))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> store.queryByRun(tenant, P1, "run-1", new PageRequest(10, "bm90IGEgY3Vyc29y")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void queryByRunOrdersStepsNaturallyThenByTimestamp() {
        String tenant = anyTenant();
        AnalyticsRecord s10 = step(tenant, "run-7", "step_10", T0);
        AnalyticsRecord s2 = step(tenant, "run-7", "step_2", T0.plusSeconds(5));
        AnalyticsRecord s1b = step(tenant, "run-7", "step_1", T0.plusSeconds(9));
        AnalyticsRecord s1a = step(tenant, "run-7", "step_1", T0.plusSeconds(1));
        AnalyticsRecord s9 = step(tenant, "run-7", "step_9", T0.plusSeconds(2));
        AnalyticsRecord otherRun = step(tenant, "run-8", "step_1", T0);
        AnalyticsRecord noRun = record(tenant, anyId(), T0);
        store.ingest(List.of(s10, s2, s1b, s1a, s9, otherRun, noRun));

        List<AnalyticsRecord> run = all(p -> store.queryByRun(tenant, P1, "run-7", p), 2);

        assertThat(run).containsExactly(s1a, s1b, s2, s9, s10);
    }

    @Test
    void tenantsNeverSeeEachOthersEvents() {
        String a = anyTenant();
        String b = anyTenant();
        AnalyticsRecord ofA = step(a, "run-1", "step_1", T0);
        AnalyticsRecord ofB = new AnalyticsRecord(ofA.analyticsId(), b, ofA.mode(), ofA.projectId(), ofA.dimensions(),
                ofA.utm(), Map.of("tenant", "b"), null, EventStatus.SUCCESS, null, T0, T0);

        assertThat(store.ingest(List.of(ofA))).containsExactly(new IngestResult.Stored(ofA));
        assertThat(store.ingest(List.of(ofB))).containsExactly(new IngestResult.Stored(ofB));

        assertThat(store.get(a, ofA.analyticsId())).contains(ofA);
        assertThat(store.get(b, ofA.analyticsId())).contains(ofB);
        assertThat(store.query(a, P1, range(T0, T0.plusSeconds(1), 10)).items()).containsExactly(ofA);
        assertThat(store.query(b, P1, range(T0, T0.plusSeconds(1), 10)).items()).containsExactly(ofB);
        assertThat(store.queryByRun(a, P1, "run-1", PageRequest.first(10)).items()).containsExactly(ofA);
        assertThat(store.query(anyTenant(), P1, range(T0, T0.plusSeconds(1), 10)).items()).isEmpty();
    }

    @Test
    void aCursorOfOneTenantNeverRevealsAnother() {
        String a = anyTenant();
        String b = anyTenant();
        store.ingest(IntStream.range(0, 4).mapToObj(i -> record(a, "a" + i, T0.plusSeconds(i))).toList());
        store.ingest(IntStream.range(0, 4).mapToObj(i -> record(b, "b" + i, T0.plusSeconds(i))).toList());
        String cursorOfA = store.query(a, P1, range(T0, T0.plusSeconds(10), 2)).nextCursor().orElseThrow();

        Page<AnalyticsRecord> withB = store.query(b, P1, new AnalyticsQuery(T0, T0.plusSeconds(10), Optional.empty(),
                Optional.empty(), new PageRequest(10, cursorOfA)));

        assertThat(withB.items()).extracting(AnalyticsRecord::tenantId).containsOnly(b);
        Set<String> ids = new HashSet<>();
        withB.items().forEach(r -> ids.add(r.analyticsId()));
        assertThat(ids).doesNotContain("a0", "a1", "a2", "a3");
    }

    private static AnalyticsRecord inProject(AnalyticsRecord r, String project) {
        return new AnalyticsRecord(r.analyticsId(), r.tenantId(), r.mode(), project, r.dimensions(), r.utm(), r.payload(),
                r.usage(), r.status(), r.errorMessage(), r.timestamp(), r.createdAt());
    }

    @Test
    void aProjectReadsOnlyItsOwnEventsAndAllProjectsReadsThemAllInOneOrder() {
        String tenant = anyTenant();
        List<AnalyticsRecord> stored = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // three projects interleaved in time, some sharing a timestamp, and the run shared by all three
            AnalyticsRecord r = inProject(step(tenant, "run-shared", "step_" + (12 - i), T0.plusSeconds(i / 2)),
                    "project-" + (i % 3 + 1));
            stored.add(r);
        }
        stored.add(inProject(record(tenant, anyId(), T0.plusSeconds(1), Fixtures.dimensions("canvas", Platform.MOBILE)),
                "project-2"));
        store.ingest(stored);
        java.util.Comparator<AnalyticsRecord> byTime = java.util.Comparator.comparing(AnalyticsRecord::timestamp)
                .thenComparing(AnalyticsRecord::analyticsId);
        java.util.Comparator<AnalyticsRecord> byStep = java.util.Comparator.comparing(AnalyticsRecord::stepSortKey)
                .thenComparing(AnalyticsRecord::timestamp).thenComparing(AnalyticsRecord::analyticsId);
        Instant end = T0.plusSeconds(60);

        for (String project : List.of("project-1", "project-2", "project-3")) {
            ProjectScope scope = ProjectScope.of(project);
            List<AnalyticsRecord> own = stored.stream().filter(r -> r.projectId().equals(project)).toList();
            assertThat(all(p -> store.query(tenant, scope, new AnalyticsQuery(T0, end, Optional.empty(), Optional.empty(),
                    p)), 2)).as(project).containsExactlyElementsOf(own.stream().sorted(byTime).toList());
            assertThat(all(p -> store.queryByRun(tenant, scope, "run-shared", p), 2)).as(project)
                    .containsExactlyElementsOf(own.stream().filter(r -> r.dimensions().runId() != null).sorted(byStep)
                            .toList());
            // the filters combine with the project
            assertThat(store.query(tenant, scope, new AnalyticsQuery(T0, end, Optional.of("canvas"),
                    Optional.of(Platform.MOBILE), PageRequest.first(10))).items())
                    .hasSize(project.equals("project-2") ? 1 : 0);
        }
        assertThat(store.query(tenant, ProjectScope.of("project-9"), range(T0, end, 10)).items()).isEmpty();
        assertThat(store.queryByRun(tenant, ProjectScope.of("project-9"), "run-shared", PageRequest.first(10)).items())
                .isEmpty();

        assertThat(all(p -> store.query(tenant, ProjectScope.ALL, new AnalyticsQuery(T0, end, Optional.empty(),
                Optional.empty(), p)), 3)).containsExactlyElementsOf(stored.stream().sorted(byTime).toList());
        assertThat(all(p -> store.queryByRun(tenant, ProjectScope.ALL, "run-shared", p), 3))
                .containsExactlyElementsOf(stored.stream().filter(r -> r.dimensions().runId() != null).sorted(byStep)
                        .toList());
        assertThat(store.query(tenant, ProjectScope.ALL, new AnalyticsQuery(T0, end, Optional.of("canvas"),
                Optional.empty(), PageRequest.first(10))).items()).hasSize(1);
        // all projects of one tenant are still that tenant's only
        assertThat(store.query(anyTenant(), ProjectScope.ALL, range(T0, end, 10)).items()).isEmpty();
    }

    @Test
    void aCursorOfOneProjectNeverRevealsAnother() {
        String tenant = anyTenant();
        store.ingest(IntStream.range(0, 4).mapToObj(i -> inProject(record(tenant, "a" + i, T0.plusSeconds(i)), "project-a"))
                .toList());
        store.ingest(IntStream.range(0, 4).mapToObj(i -> inProject(record(tenant, "b" + i, T0.plusSeconds(i)), "project-b"))
                .toList());
        String cursorOfA = store.query(tenant, ProjectScope.of("project-a"), range(T0, T0.plusSeconds(10), 2)).nextCursor()
                .orElseThrow();

        Page<AnalyticsRecord> withB = store.query(tenant, ProjectScope.of("project-b"), new AnalyticsQuery(T0,
                T0.plusSeconds(10), Optional.empty(), Optional.empty(), new PageRequest(10, cursorOfA)));

        assertThat(withB.items()).extracting(AnalyticsRecord::projectId).containsOnly("project-b");
    }
}
