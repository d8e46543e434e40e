package northstar.testkit.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Google's Firestore emulator is found where it is installed, serves on loopback, and stops with its pipe. */
class FirestoreLauncherTest {
    @Test
    void theEmulatorServesOnLoopbackAndStopsWhenItsStdinCloses() throws Exception {
        LocalServer server = LocalServer.newFirestore();
        assertThat(server.hostAndPort()).startsWith("127.0.0.1:");
        var c = (java.net.HttpURLConnection) URI.create(server.endpoint() + "/").toURL().openConnection();
        assertThat(c.getResponseCode()).isEqualTo(200);
        assertThat(new String(c.getInputStream().readAllBytes()).strip()).isEqualTo("Ok");

        server.close();
        for (int i = 0; i < 100 && server.accepting(); i++) {
            Thread.sleep(100);
        }
        assertThat(server.accepting()).isFalse();
    }

    @Test
    void itIsLookedForInTheStandardPlacesAndItsAbsenceSaysHowToInstallIt() {
        assertThat(FirestoreEmulator.candidates().getFirst().get())
                .containsExactly(Path.of("/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar"));
        assertThat(FirestoreEmulator.find(List.of(() -> List.of(Path.of("/nonexistent/cloud-firestore-emulator.jar")))))
                .isEmpty();
        assertThat(FirestoreEmulator.INSTALL).contains("apt-get install google-cloud-cli-firestore-emulator")
                .contains("gcloud components install cloud-firestore-emulator").doesNotContain("\n");
        assertThat(FirestoreEmulator.jar()).exists();
    }
}
