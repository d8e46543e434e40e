package northstar.testkit.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where Google's Cloud Firestore emulator is installed: the Debian package's files, the Google Cloud
 * SDK root gcloud reports, or a cloud_firestore_emulator launcher on PATH (the jar lies beside it).
 */
public final class FirestoreEmulator {
    static final String JAR = "cloud-firestore-emulator.jar";
    static final String IN_SDK = "platform/cloud-firestore-emulator/" + JAR;
    static final String INSTALL = "Google's Cloud Firestore emulator is not installed: apt-get install "
            + "google-cloud-cli-firestore-emulator (Debian/Ubuntu), or gcloud components install cloud-firestore-emulator";

    private FirestoreEmulator() {
    }

    /** The emulator's jar, or IllegalStateException with one line saying how to install it. */
    public static Path jar() {
        return find(candidates()).orElseThrow(() -> new IllegalStateException(INSTALL));
    }

    static Optional<Path> find(List<Path> candidates) {
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    /** The places looked at, in order. */
    static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        out.add(Path.of("/usr/lib/google-cloud-sdk").resolve(IN_SDK));
        output("dpkg", "-L", "google-cloud-cli-firestore-emulator").lines().filter(l -> l.endsWith("/" + JAR))
                .forEach(l -> out.add(Path.of(l)));
        String root = output("gcloud", "info", "--format=value(installation.sdk_root)").strip();
        if (!root.isEmpty()) {
            out.add(Path.of(root).resolve(IN_SDK));
        }
        String path = System.getenv("PATH");
        for (String d : path == null ? new String[0] : path.split(java.io.File.pathSeparator)) {
            Path launcher = Path.of(d, "cloud_firestore_emulator");
            if (Files.isRegularFile(launcher)) {
                out.add(launcher.toAbsolutePath().getParent().resolve(JAR));
            }
        }
        return out;
    }

    /** A command's output, or "" when it is not there or fails. */
    private static String output(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
