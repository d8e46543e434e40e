package northstar.application;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;
import northstar.domain.RequestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test of use cases over fresh embedded backends (SQLite and files under a temporary directory).
 * Its members are public: this package is exported, not opened, to the test engine.
 */
public abstract class UseCaseTest {
    protected Path dir;
    protected EmbeddedBackends backends;
    protected UseCases useCases;
    protected final RequestContext acme = EmbeddedBackends.lab("acme");
    protected final RequestContext globex = EmbeddedBackends.lab("globex");

    @BeforeEach
    public void openBackends() throws IOException {
        dir = Files.createTempDirectory("northstar-usecase-");
        backends = new EmbeddedBackends(dir, Clock.systemUTC());
        useCases = backends.useCases;
    }

    @AfterEach
    public void closeBackends() throws IOException {
        backends.close();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
