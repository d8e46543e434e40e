package northstar.application.budget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import northstar.adapters.persistence.sqlite.SqliteBackends;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.tabular.TabularStore;
import org.junit.jupiter.api.AfterEach;

/** The budget kit on the embedded SQLite backend, in a database file of its own. */
class SqliteBudgetTest extends BudgetContract {
    private Path dir;

    @Override
    protected TabularStore newStore() {
        try {
            dir = Files.createTempDirectory("northstar-budgets-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new SqliteBackends().tabular(new Route(ResourceKind.TABULAR_STORE, SqliteBackends.TYPE,
                Map.of("path", dir.resolve("budgets.db").toString())));
    }

    @Override
    protected String backendType() {
        return SqliteBackends.TYPE;
    }

    @AfterEach
    public void deleteDatabase() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
