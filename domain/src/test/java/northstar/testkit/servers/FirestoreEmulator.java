package northstar.testkit.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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

    /** Where it was found, once per JVM. */
    private static Path found;

    /** The emulator's jar, or IllegalStateException with one line saying how to install it. */
    public static synchronized Path jar() {
        if (found == null) {
            found = find(candidates()).orElseThrow(() -> new IllegalStateException(INSTALL));
        }
        return found;
    }

    /** The first place that holds the jar; a place's lookup (a command it runs) happens only when the ones before fail. */
    static Optional<Path> find(List<Supplier<List<Path>>> candidates) {
        return candidates.stream().flatMap(c -> c.get().stream()).filter(Files::isRegularFile).findFirst();
    }

    /** The places looked at, in order. */
    static List<Supplier<List<Path>>> candidates() {
        return List.of(
                () -> List.of(Path.of("/usr/lib/google-cloud-sdk").resolve(IN_SDK)),
                () -> output("dpkg", "-L", "google-cloud-cli-firestore-emulator").lines()
                        .filter(l -> l.endsWith("/" + JAR)).map(Path::of).toList(),
                () -> {
                    String root = output("gcloud", "info", "--format=value(installation.sdk_root)").strip();
                    return root.isEmpty() ? List.of() : List.of(Path.of(root).resolve(IN_SDK));
                },
                () -> {
                    String path = System.getenv("PATH");
                    List<Path> out = new ArrayList<>();
                    for (String d : path == null ? new String[0] : path.split(java.io.File.pathSeparator)) {
                        Path launcher = Path.of(d, "cloud_firestore_emulator");
                        if (Files.isRegularFile(launcher)) {
                            out.add(launcher.toAbsolutePath().getParent().resolve(JAR));
                        }
                    }
                    return out;
                });
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
