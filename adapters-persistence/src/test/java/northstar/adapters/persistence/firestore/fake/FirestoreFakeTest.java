package northstar.adapters.persistence.firestore.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import com.google.cloud.firestore.Precondition;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Firestore fake answers the real Firestore client as Firestore does, for what it serves:
 * preconditions, atomic commits, transforms, and queries with filters, order, cursors and limits.
 */
class FirestoreFakeTest {
    static FirestoreFake fake;
    static Firestore db;

    @BeforeAll
    static void start() {
        fake = FirestoreFake.start();
        db = FirestoreOptions.newBuilder().setProjectId("fake-test").setEmulatorHost(fake.hostAndPort()).build().getService();
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
        fake.close();
    }

    private static CollectionReference fresh() {
        return db.collection("c" + UUID.randomUUID().toString().replace("-", ""));
    }

    private static String code(ExecutionException e) {
        return switch (e.getCause()) {
            case com.google.cloud.firestore.FirestoreException f -> f.getStatus().getCode().name();
            case com.google.api.gax.rpc.ApiException a -> a.getStatusCode().getCode().name();
            default -> throw new AssertionError("not a Firestore failure", e);
        };
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(fake.hostAndPort()).startsWith("127.0.0.1:");
    }

    @Test
    void preconditionsFailAsFirestoreDoes() throws Exception {
        var doc = fresh().document("d");
        doc.create(Map.of("n", 1L)).get();

        assertThatThrownBy(() -> doc.create(Map.of("n", 2L)).get()).isInstanceOfSatisfying(ExecutionException.class,
                e -> assertThat(code(e)).isEqualTo("ALREADY_EXISTS"));
        assertThatThrownBy(() -> fresh().document("none").update("n", 1L).get())
                .isInstanceOfSatisfying(ExecutionException.class, e -> assertThat(code(e)).isEqualTo("NOT_FOUND"));
        var read = doc.get().get();
        doc.update("n", 3L).get();
        assertThatThrownBy(() -> doc.update(Precondition.updatedAt(read.getUpdateTime()), "n", 4L).get())
                .isInstanceOfSatisfying(ExecutionException.class, e -> assertThat(code(e)).isEqualTo("FAILED_PRECONDITION"));
        assertThat(doc.get().get().getLong("n")).isEqualTo(3L);
    }

    @Test
    void aCommitAppliesAllItsWritesOrNone() throws Exception {
        CollectionReference c = fresh();
        c.document("exists").create(Map.of("n", 1L)).get();
        var batch = db.batch();
        batch.create(c.document("new"), Map.of("n", 1L));
        batch.create(c.document("exists"), Map.of("n", 2L));

        assertThatThrownBy(() -> batch.commit().get()).isInstanceOf(ExecutionException.class);
        assertThat(c.document("new").get().get().exists()).isFalse();
        assertThat(c.document("exists").get().get().getLong("n")).isEqualTo(1L);
    }

    @Test
    void updatesReplaceTheFieldsTheyNameAndIncrementsAddAsFirestoreDoes() throws Exception {
        var doc = fresh().document("d");
        doc.set(Map.of("a", Map.of("x", 1L, "y", 2L), "i", 5L, "d", 1.5, "s", "text", "keep", true)).get();

        doc.update(Map.of("a", Map.of("x", 9L), "i", FieldValue.increment(2), "d", FieldValue.increment(1),
                "s", FieldValue.increment(3), "n", FieldValue.increment(0.5))).get();

        var s = doc.get().get();
        assertThat(s.get("a")).isEqualTo(Map.of("x", 9L));
        assertThat(s.get("i")).isEqualTo(7L);
        assertThat(s.get("d")).isEqualTo(2.5);
        assertThat(s.get("s")).as("a non-number is replaced by the increment").isEqualTo(3L);
        assertThat(s.get("n")).isEqualTo(0.5);
        assertThat(s.getBoolean("keep")).isTrue();
    }

    @Test
    void queriesFilterOrderAndPageAsFirestoreDoes() throws Exception {
        CollectionReference c = fresh();
        String[] names = {"z", "é", "\uD83D\uDE00", "a", "ab"};
        for (int i = 0; i < names.length; i++) {
            c.document("d" + i).set(Map.of("s", names[i], "n", i % 2 == 0 ? (Object) (long) i : (Object) (i + 0.5),
                    "g", i < 3 ? "x" : "y")).get();
        }
        c.document("no-s").set(Map.of("n", 100L, "g", "x")).get();
        c.document("sub").collection("inner").document("hidden").set(Map.of("s", "a", "g", "x")).get();

        assertThat(ids(c.orderBy("s"))).as("strings by UTF-8 bytes; a document without s is left out")
                .containsExactly("d3", "d4", "d0", "d1", "d2");
        assertThat(ids(c.orderBy("n", Query.Direction.DESCENDING))).as("numbers across int and double")
                .containsExactly("no-s", "d4", "d3", "d2", "d1", "d0");
        assertThat(ids(c.whereEqualTo("g", "x").whereGreaterThanOrEqualTo("n", 1L).orderBy("n")))
                .containsExactly("d1", "d2", "no-s");
        assertThat(ids(c.whereGreaterThan("s", "a").whereLessThan("s", "z").orderBy("s")))
                .containsExactly("d4");
        assertThat(ids(c.orderBy("s").startAfter("ab").limit(2))).containsExactly("d0", "d1");
        assertThat(ids(c.orderBy("s").startAt("ab").endBefore("é"))).containsExactly("d4", "d0");
        assertThat(ids(c.orderBy("s").offset(1).limit(1))).containsExactly("d4");
        assertThat(ids(c.whereEqualTo("g", "x").whereGreaterThanOrEqualTo("s", "")))
                .as("a string range matches strings only").containsExactlyInAnyOrder("d0", "d1", "d2");
    }

    @Test
    void aCursorOnEqualValuesResumesByDocumentName() throws Exception {
        CollectionReference c = fresh();
        for (String id : List.of("b", "a", "c")) {
            c.document(id).set(Map.of("v", 1L)).get();
        }
        QueryDocumentSnapshot first = c.orderBy("v").limit(1).get().get().getDocuments().getFirst();

        assertThat(first.getId()).isEqualTo("a");
        assertThat(ids(c.orderBy("v").startAfter(first))).containsExactly("b", "c");
    }

    private static List<String> ids(Query q) throws Exception {
        return q.get().get().getDocuments().stream().map(QueryDocumentSnapshot::getId).toList();
    }
}
