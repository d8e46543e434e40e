package northstar.application;

import java.nio.file.Path;
import java.time.Clock;
import northstar.domain.RequestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test of use cases over fresh embedded backends (SQLite and files under a temporary directory). */
public abstract class UseCaseTest {
    @TempDir
    protected Path dir;
    protected EmbeddedBackends backends;
    protected UseCases useCases;
    protected final RequestContext acme = EmbeddedBackends.lab("acme");
    protected final RequestContext globex = EmbeddedBackends.lab("globex");

    @BeforeEach
    void openBackends() {
        backends = new EmbeddedBackends(dir, Clock.systemUTC());
        useCases = backends.useCases;
    }

    @AfterEach
    void closeBackends() {
        backends.close();
    }
}
