package northstar.adapters.blob.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Azurite under until-stdin-closes.sh listens on 127.0.0.1 and stops when the test's pipe closes. */
class AzuriteLauncherTest {
    @TempDir
    Path dir;

    @Test
    void listensOnLoopbackAndStopsWhenItsStdinCloses() throws InterruptedException {
        LocalServer server = LocalServer.azurite(dir);
        assertThat(server.accepting()).isTrue();

        server.close();

        for (int i = 0; i < 100 && server.accepting(); i++) {
            Thread.sleep(100);
        }
        assertThat(server.accepting()).isFalse();
    }
}
