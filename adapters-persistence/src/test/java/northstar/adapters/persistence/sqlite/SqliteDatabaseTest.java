package northstar.adapters.persistence.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.testkit.Concurrently;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit: concurrent writes share commits, yet each write succeeds or fails on its own. */
class SqliteDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void aFailingWriteInAGroupFailsAloneAndTheOthersCommit() throws Exception {
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("g.db"))) {
            db.migrate("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");

            List<String> outcomes = Concurrently.run(32, i -> {
                try {
                    db.write("w" + i, c -> {
                        var s = c.prepare("INSERT INTO t (k, v) VALUES (?, ?)");
                        s.setInt(1, i);
                        s.setString(2, "v" + i);
                        s.executeUpdate();
                        if (i % 4 == 0) {
                            throw new StoreException(ErrorCode.FAILED_PRECONDITION, "refused " + i);
                        }
                        return null;
                    });
                    return "ok";
                } catch (StoreException e) {
                    return e.getMessage();
                }
            });

            assertThat(outcomes.stream().filter(o -> o.equals("ok"))).hasSize(24);
            for (int i = 0; i < 32; i += 4) {
                assertThat(outcomes.get(i)).isEqualTo("refused " + i);
            }
            List<Integer> stored = db.read("keys", c -> {
                List<Integer> keys = new java.util.ArrayList<>();
                try (ResultSet rs = c.prepare("SELECT k FROM t ORDER BY k").executeQuery()) {
                    while (rs.next()) {
                        keys.add(rs.getInt(1));
                    }
                }
                return keys;
            });
            assertThat(stored).hasSize(24).noneMatch(k -> k % 4 == 0);
        }
    }

    @Test
    void writesAfterCloseAreRefusedAsUnavailable() {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("c.db"));
        db.close();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.migrate("CREATE TABLE x (a)"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }
}
