package northstar.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for a cloud service, run as a child process on 127.0.0.1 that prints
 * "LISTENING &lt;port&gt;" when ready and exits when its stdin closes (so a killed test JVM leaves no
 * orphan). A server that cannot start fails the test with its output: nothing is skipped.
 */
public final class LocalServer implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final int port;

    private LocalServer(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /** dynalite 4.0.0 (DynamoDB), from .ci/test-servers. */
    public static LocalServer dynalite() {
        Path servers = testServers();
        return start("dynalite", servers, List.of("node", servers.resolve("dynalite.js").toString()));
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    static LocalServer start(String name, Path dir, List<String> command) {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(name + " could not start (" + String.join(" ", command) + "): " + e.getMessage()
                    + "; the tests need Node.js (see README)", e);
        }
        StringBuilder output = new StringBuilder();
        CompletableFuture<Integer> listening = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("LISTENING ")) {
                        drain(r);
                        return Integer.parseInt(line.substring("LISTENING ".length()).trim());
                    }
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
                return -1;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            int port = listening.get(START.toSeconds(), TimeUnit.SECONDS);
            if (port > 0) {
                return new LocalServer(name, p, port);
            }
        } catch (Exception e) {
            // reported below with the server's output
        }
        p.destroyForcibly();
        synchronized (output) {
            throw new IllegalStateException(name + " did not start within " + START + ":\n" + output);
        }
    }

    /** Keeps reading the server's output so it never blocks on a full pipe. */
    private static void drain(BufferedReader r) {
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                while (r.readLine() != null) {
                    // discarded: the tests assert on behaviour, not on the server's log
                }
            } catch (IOException ignored) {
                // the server went away
            }
        });
    }

    /** .ci/test-servers of this checkout, with its npm packages installed (npm ci) when missing. */
    static Path testServers() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(".ci/test-servers/package.json"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(".ci/test-servers/package.json not found above " + Path.of("").toAbsolutePath());
        }
        Path servers = dir.resolve(".ci/test-servers");
        try (FileChannel lockFile = FileChannel.open(servers.resolve(".install.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            if (!Files.isDirectory(servers.resolve("node_modules"))) {
                run(servers, List.of("npm", "ci", "--loglevel=error"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return servers;
    }

    private static void run(Path dir, List<String> command) throws IOException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed in " + dir + ":\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name + " on " + endpoint();
    }
}
