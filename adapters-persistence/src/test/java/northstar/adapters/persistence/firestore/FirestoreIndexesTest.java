package northstar.adapters.persistence.firestore;

import static northstar.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.firestore.v1.StructuredQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import northstar.adapters.persistence.firestore.fake.FirestoreFake;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.ProjectScope;
import northstar.domain.analytics.AnalyticsQuery;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.Platform;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.testkit.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Production Firestore refuses a query no composite index serves; Google's emulator (on which the
 * kits run) needs none. So the queries the adapter sends are recorded here, by the in-process
 * recording server (FirestoreFake, used for this check alone), and each is held against the indexes
 * of docs/firestore.indexes.json.
 */
class FirestoreIndexesTest {
    static FirestoreFake fake;

    @BeforeAll
    static void startFake() {
        fake = FirestoreFake.start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    static JsonNode declaredIndexes() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("docs/firestore.indexes.json"))) {
            dir = dir.getParent();
        }
        return new ObjectMapper().readTree(dir.resolve("docs/firestore.indexes.json").toFile());
    }

    /**
     * The fake needs no index; Firestore refuses a query no index serves. So every query the adapter
     * sent here is held against the composite indexes of docs/firestore.indexes.json: its equality
     * fields first (in any order), then its order-by fields, ascending. Queries on one field only
     * are served by Firestore's automatic single-field indexes.
     */
    @Test
    void everyQueryIsServedByAnIndexDeclaredInDocs() throws IOException {
        Route route = FirestoreRoutes.route(fake.hostAndPort(), ResourceKind.ANALYTICS_STORE, Map.of());
        int before = fake.queries().size();
        try (var s = new FirestoreAnalyticsStore(route)) {
            List<AnalyticsRecord> events = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                events.add(Fixtures.record("t1", "e" + i, T0.plusMillis(i)));
            }
            for (int i = 0; i < 3; i++) {
                events.add(Fixtures.step("t1", "run-1", "step_" + i, T0.plusMillis(i)));
            }
            s.ingest(events);
            for (ProjectScope projects : List.of(ProjectScope.of("project-1"), ProjectScope.ALL)) {
                for (Optional<String> app : List.of(Optional.<String>empty(),
                        Optional.of(events.getFirst().dimensions().app()))) {
                    for (Optional<Platform> platform : List.of(Optional.<Platform>empty(),
                            Optional.of(events.getFirst().dimensions().platform()))) {
                        Page<AnalyticsRecord> first = s.query("t1", projects, new AnalyticsQuery(T0, T0.plusSeconds(1),
                                app, platform, PageRequest.first(5)));
                        s.query("t1", projects, new AnalyticsQuery(T0, T0.plusSeconds(1), app, platform,
                                new PageRequest(5, first.nextCursor().orElseThrow())));
                    }
                }
                Page<AnalyticsRecord> run = s.queryByRun("t1", projects, "run-1", PageRequest.first(1));
                run.nextCursor().ifPresent(c -> s.queryByRun("t1", projects, "run-1", new PageRequest(1, c)));
            }
        }
        List<StructuredQuery> sent = fake.queries().subList(before, fake.queries().size());
        assertThat(sent).hasSizeGreaterThan(16);

        JsonNode indexes = declaredIndexes().get("indexes");
        for (StructuredQuery q : sent) {
            Set<String> equality = new HashSet<>();
            collectEquality(q.getWhere(), equality);
            List<String> orders = q.getOrderByList().stream().map(o -> o.getField().getFieldPath())
                    .filter(f -> !f.equals("__name__")).toList();
            if (equality.isEmpty() && orders.size() <= 1) {
                continue;
            }
            boolean served = false;
            for (JsonNode index : indexes) {
                List<String> fields = new ArrayList<>();
                index.get("fields").forEach(f -> fields.add(f.get("fieldPath").asText()));
                boolean ascending = new ArrayList<JsonNode>() {{
                    index.get("fields").forEach(this::add);
                }}.stream().allMatch(f -> f.get("order").asText().equals("ASCENDING"));
                if (index.get("collectionGroup").asText().equals(q.getFrom(0).getCollectionId()) && ascending
                        && fields.size() == equality.size() + orders.size()
                        && new HashSet<>(fields.subList(0, equality.size())).equals(equality)
                        && fields.subList(equality.size(), fields.size()).equals(orders)) {
                    served = true;
                }
            }
            assertThat(served).as("an index for equality %s, order %s", equality, orders).isTrue();
        }
    }

    private static void collectEquality(StructuredQuery.Filter f, Set<String> into) {
        switch (f.getFilterTypeCase()) {
            case COMPOSITE_FILTER -> f.getCompositeFilter().getFiltersList().forEach(x -> collectEquality(x, into));
            case FIELD_FILTER -> {
                if (f.getFieldFilter().getOp() == StructuredQuery.FieldFilter.Operator.EQUAL) {
                    into.add(f.getFieldFilter().getField().getFieldPath());
                }
            }
            default -> {
            }
        }
    }

    /** Time-ordered fields would hit Firestore's sequential-index write limit: they have no single-field index. */
    @Test
    void timeOrderedFieldsAreExemptFromSingleFieldIndexes() throws IOException {
        Set<String> exempt = new HashSet<>();
        declaredIndexes().get("fieldOverrides").forEach(o -> {
            if (o.get("collectionGroup").asText().equals("events") && o.get("indexes").isEmpty()) {
                exempt.add(o.get("fieldPath").asText());
            }
        });
        assertThat(exempt).contains("ts", "timestamp", "created_at", "analytics_id");
    }
}
