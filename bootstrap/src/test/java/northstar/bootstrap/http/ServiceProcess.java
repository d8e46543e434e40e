package northstar.bootstrap.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The service as a separate process, launched the way README launches it: on the module path
 * (this module's classes and bootstrap/target/modules), {@code -m northstar.bootstrap/...Main}.
 */
public final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private ServiceProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** The bootstrap module's directory: the working directory of its tests, or bootstrap/ below the root. */
    static Path moduleDir() {
        return Files.isDirectory(Path.of("target/modules")) ? Path.of(".") : Path.of("bootstrap");
    }

    /** The clone's root: the nearest folder up from the working directory that holds README.md. */
    public static Path repositoryRoot() {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("README.md"))) {
            root = root.getParent();
        }
        return root;
    }

    public static String modulePath() {
        List<String> entries = new ArrayList<>();
        entries.add(moduleDir().resolve("target/classes").toAbsolutePath().toString());
        try (Stream<Path> jars = Files.list(moduleDir().resolve("target/modules"))) {
            jars.filter(p -> !p.getFileName().toString().startsWith("northstar-bootstrap-"))
                    .forEach(p -> entries.add(p.toAbsolutePath().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("target/modules is made by the build (process-classes phase)", e);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** The options every launch on the module path takes, as README's command passes them: an argument file. */
    public static String launchOptions() {
        Path args = moduleDir().resolve("target/jvm.args").toAbsolutePath();
        if (!Files.exists(args)) {
            throw new IllegalStateException(args + " is made by the build (process-classes phase)");
        }
        return "@" + args;
    }

    /** Starts the service in workDir with these JVM options and program arguments. */
    public static ServiceProcess start(Path workDir, List<String> jvmOptions, String... args) {
        return start(workDir, java.util.Map.of(), jvmOptions, args);
    }

    /** As {@link #start(Path, List, String...)}, with these variables added to the process's environment. */
    public static ServiceProcess start(Path workDir, java.util.Map<String, String> environment, List<String> jvmOptions,
                                       String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.addAll(jvmOptions);
        cmd.add(launchOptions());
        cmd.add("-p");
        cmd.add(modulePath());
        cmd.add("-m");
        cmd.add("northstar.bootstrap/northstar.bootstrap.Main");
        cmd.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(workDir, "stdout", ".log");
            Path err = Files.createTempFile(workDir, "stderr", ".log");
            ProcessBuilder builder = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(environment);
            Process p = builder.start();
            return new ServiceProcess(p, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String stdout() {
        return read(out);
    }

    public String stderr() {
        return read(err);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until stdout holds the text (the service prints its address when it listens). */
    public ServiceProcess awaitStdout(String text, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!stdout().contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError("service exited " + process.exitValue() + ": " + stderr());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("service did not print '" + text + "' in " + timeout + ": " + stderr());
            }
            sleep(50);
        }
        return this;
    }

    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("service did not exit in " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGKILL (kill -9): no shutdown hook, no flush, nothing but what is on disk survives. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM. */
    public void terminate() {
        process.destroy();
    }

    public boolean alive() {
        return process.isAlive();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** This process's id, for jcmd. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
