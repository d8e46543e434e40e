package northstar.adapters.persistence.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.Test;

/** The dynalite launcher listens on 127.0.0.1 only, and stops when the test's pipe to it closes. */
class DynaliteLauncherTest {
    @Test
    void listensOnLoopbackAndStopsWhenItsStdinCloses() throws InterruptedException {
        LocalServer server = LocalServer.dynalite();
        assertThat(server.accepting()).isTrue();

        server.close();

        for (int i = 0; i < 50 && server.accepting(); i++) {
            Thread.sleep(100);
        }
        assertThat(server.accepting()).isFalse();
    }
}
