package northstar.adapters.blob.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** s3proxy under until-stdin-closes.sh listens on 127.0.0.1 and stops when the test's pipe closes. */
class S3proxyLauncherTest {
    @TempDir
    Path dir;

    @Test
    void listensOnLoopbackAndStopsWhenItsStdinCloses() throws InterruptedException {
        LocalServer server = LocalServer.s3proxy(dir);
        assertThat(server.accepting()).isTrue();

        server.close();

        for (int i = 0; i < 100 && server.accepting(); i++) {
            Thread.sleep(100);
        }
        assertThat(server.accepting()).isFalse();
    }
}
