package northstar.testkit.servers;

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
public final class LocalServer implements AutoCloseable, Freezable {
    private static final Duration START = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 2;

    private final String name;
    private volatile Process process;
    private final int port;
    /** How to start it again on the same port and data (see {@link #restart}), or null. */
    private List<String> restartCommand;
    private Path restartDir;

    /** The server's last lines of output, for the report of an exit nobody asked for. */
    private final java.util.Deque<String> tail;
    /** Set by close and kill: the process's exit is expected from then on. */
    private volatile boolean ending;

    private LocalServer(String name, Process process, int port, java.util.Deque<String> tail) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.tail = tail;
        watch(process);
    }

    /**
     * Reports on the test JVM's stderr (the surefire output of the test running then) a server that
     * exits while its test still uses it, with its exit code and last lines of output: otherwise all a
     * test sees is "connection refused", and the server's own log is overwritten by the next server
     * of the same name.
     */
    private void watch(Process p) {
        p.onExit().thenAccept(gone -> {
            if (!ending && gone == process) {
                String last;
                synchronized (tail) {
                    last = String.join("\n", tail);
                }
                System.err.println(name + " (pid " + gone.pid() + ", port " + port + ") exited by itself with code "
                        + gone.exitValue() + "; its last output:\n" + last);
            }
        });
    }

    private static final java.util.regex.Pattern LISTENING = java.util.regex.Pattern.compile("^LISTENING (\\d+)$");
    private static final java.util.regex.Pattern JETTY_STARTED =
            java.util.regex.Pattern.compile("ServerConnector.*\\{127\\.0\\.0\\.1:(\\d+)}");

    /** dynalite 4.0.0 (DynamoDB), from .ci/test-servers, keeping its data in memory. */
    public static LocalServer dynalite() {
        Path servers = testServers();
        return start("dynalite", servers, List.of("node", servers.resolve("dynalite.js").toString()), LISTENING);
    }

    /**
     * dynalite keeping its data in a directory, on a fixed port: it can be killed (kill -9) and
     * started again on the same port and data ({@link #kill}, {@link #restart}).
     */
    public static LocalServer dynalite(Path dataDir) {
        Path servers = testServers();
        List<String> command = List.of("node", servers.resolve("dynalite.js").toString(), String.valueOf(freePort()),
                dataDir.toAbsolutePath().toString());
        LocalServer s = start("dynalite", servers, command, LISTENING);
        s.restartCommand = command;
        s.restartDir = servers;
        return s;
    }

    /** kill -9 of the server (and every process it started): connections are refused from now on. */
    public void kill() {
        ending = true;
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : all) {
            h.onExit().join();
        }
    }

    /** Starts the killed server again, on the same port and data. */
    public void restart() {
        if (restartCommand == null) {
            throw new IllegalStateException(name + " was not started to be restarted");
        }
        LocalServer again = start(name, restartDir, restartCommand, LISTENING);
        if (again.port != port) {
            again.close();
            throw new IllegalStateException(name + " came back on port " + again.port + ", not " + port);
        }
        again.ending = true; // this server watches the process from now on
        process = again.process;
        ending = false;
        watch(process);
    }

    /**
     * s3proxy 4.1.0 (S3) from target/test-servers/s3proxy.jar (the build copies it there), in its own
     * JVM, keeping objects in its memory, with the test keys {@code test} / {@code testsecret}.
     */
    public static LocalServer s3proxy(Path serverDir) {
        return s3proxy(serverDir, Path.of("target/test-servers/s3proxy.jar"));
    }

    /** As {@link #s3proxy(Path)}, from the s3proxy jar at jar (the benchmarks run from the project's root). */
    public static LocalServer s3proxy(Path serverDir, Path jarFile) {
        Path dir = serverDir.toAbsolutePath();
        Path jar = jarFile.toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the module's build copies it (maven-dependency-plugin)");
        }
        int port = freePort();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("s3proxy.conf"), String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=test",
                    "s3proxy.credential=testsecret",
                    // the in-memory store: the on-disk ones cannot hold keys "a" and "a/b" at once, which S3 can
                    "jclouds.provider=transient") + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        return start("s3proxy", dir, List.of(testServers().resolve("until-stdin-closes.sh").toString(), java,
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx1536m", "-jar", jar.toString(), "--properties",
                dir.resolve("s3proxy.conf").toString()), JETTY_STARTED);
    }

    private static final java.util.regex.Pattern AZURITE_LISTENS =
            java.util.regex.Pattern.compile("successfully listens on http://127\\.0\\.0\\.1:(\\d+)");

    /** Azurite 3.37.0 (Azure Blob), from .ci/test-servers, blob service only, storing under dir. */
    public static LocalServer azurite(Path serverDir) {
        Path servers = testServers();
        Path dir = directory(serverDir);
        return start("azurite", dir, List.of(servers.resolve("until-stdin-closes.sh").toString(), "node",
                servers.resolve("node_modules/azurite/dist/src/blob/main.js").toString(), "--blobHost", "127.0.0.1",
                "--blobPort", "0", "--location", dir.toString(), "--silent", "--disableTelemetry", "--skipApiVersionCheck"),
                AZURITE_LISTENS);
    }

    /** The password of the PKCS#12 key store {@link #azuriteHttps} writes (a throwaway test certificate). */
    public static final String TEST_TLS_PASSWORD = "northstar-test";

    /**
     * Azurite over HTTPS with OAuth on (level basic: bearer tokens are checked for issuer, audience
     * and lifetime, not signature), blob service only, storing under dir. Its certificate is made for
     * 127.0.0.1 by the JDK's keytool at dir/tls.p12 (password {@link #TEST_TLS_PASSWORD}); clients of
     * the test trust that file.
     */
    public static LocalServer azuriteHttps(Path serverDir) {
        Path servers = testServers();
        Path dir = serverDir.toAbsolutePath();
        Path store = dir.resolve("tls.p12");
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(store);
            Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
            run(dir, List.of(java.resolveSibling("keytool").toString(), "-genkeypair", "-alias", "azurite", "-keyalg",
                    "RSA", "-keysize", "2048", "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", TEST_TLS_PASSWORD, "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start("azurite-https", dir, List.of(servers.resolve("until-stdin-closes.sh").toString(), "node",
                servers.resolve("node_modules/azurite/dist/src/blob/main.js").toString(), "--blobHost", "127.0.0.1",
                "--blobPort", "0", "--location", dir.toString(), "--silent", "--disableTelemetry", "--skipApiVersionCheck",
                "--oauth", "basic", "--cert", store.toString(), "--pwd", TEST_TLS_PASSWORD), AZURITE_LISTENS_HTTPS);
    }

    private static final java.util.regex.Pattern AZURITE_LISTENS_HTTPS =
            java.util.regex.Pattern.compile("successfully listens on https://127\\.0\\.0\\.1:(\\d+)");

    /** The https blob endpoint of Azurite's development account on an {@link #azuriteHttps} server. */
    public String azuriteHttpsEndpoint() {
        return "https://127.0.0.1:" + port + "/devstoreaccount1";
    }

    /**
     * The Cloud Storage emulator of firebase-tools 15.34.2 (GCS JSON API), through the launcher
     * .ci/test-servers/gcs.js and its shims, keeping objects under dir. It also answers token requests
     * at /token, for service-account key files whose token_uri points there.
     */
    public static LocalServer gcs(Path serverDir) {
        Path servers = testServers();
        Path dir = directory(serverDir);
        return start("gcs", dir, List.of("node", servers.resolve("gcs.js").toString(), String.valueOf(freePort()),
                dir.resolve("blobs").toString()), LISTENING);
    }

    private static final java.util.regex.Pattern FIRESTORE_LISTENS =
            java.util.regex.Pattern.compile("API endpoint: http://127\\.0\\.0\\.1:(\\d+)");
    /** One emulator per test JVM: tests keep apart by project id, and it starts once. */
    private static LocalServer firestore;

    /**
     * Google's Cloud Firestore emulator (cloud-firestore-emulator.jar of the Google Cloud SDK), on
     * 127.0.0.1 and a free port, run by this JVM's java under until-stdin-closes.sh; one per test JVM,
     * stopped when the JVM goes. Tests keep their data apart by project id (each store a project of
     * its own). Absent, it fails with one line saying how to install it.
     */
    public static synchronized LocalServer firestore() {
        if (firestore == null || !firestore.process.isAlive()) {
            firestore = newFirestore();
            // in the test's own output, so its log shows which server served it
            System.out.println("Google's Cloud Firestore emulator (" + FirestoreEmulator.jar() + ") serving on "
                    + firestore.hostAndPort() + "; its log: .ci/test-servers/firestore.log");
        }
        return firestore;
    }

    /** An emulator of the caller's own, which it closes. */
    public static LocalServer newFirestore() {
        Path jar = FirestoreEmulator.jar();
        Path dir = testServers();
        String java = ProcessHandle.current().info().command().orElse("java");
        return start("firestore", dir, List.of(dir.resolve("until-stdin-closes.sh").toString(), java,
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m", "-Duser.language=en", "-cp", jar.toString(),
                "com.google.cloud.datastore.emulator.firestore.CloudFirestore", "start", "--host=127.0.0.1",
                "--port=" + freePort()), FIRESTORE_LISTENS);
    }

    /** host:port of a {@link #firestore()} emulator, as a route's config.emulator_host names it. */
    public String hostAndPort() {
        return "127.0.0.1:" + port;
    }

    /** The connection string of Azurite's well-known development account (public, documented by Microsoft). */
    public String azuriteConnectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT5"
                + "0uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=" + endpoint() + "/devstoreaccount1;";
    }

    /**
     * @vercel/cosmosdb-server 1.0.1 (Cosmos DB NoSQL API, in memory) over HTTPS, through the launcher
     * .ci/test-servers/cosmos.js and its shims. Its certificate is self-signed (and expired), so this
     * also sets the Cosmos SDK's own switch COSMOS.EMULATOR_SERVER_CERTIFICATE_VALIDATION_DISABLED,
     * which the SDK honours for localhost and 127.0.0.1 endpoints only.
     */
    public static LocalServer cosmos() {
        System.setProperty("COSMOS.EMULATOR_SERVER_CERTIFICATE_VALIDATION_DISABLED", "true");
        Path servers = testServers();
        return start("cosmos", servers, List.of("node", servers.resolve("cosmos.js").toString()), LISTENING);
    }

    /** The HTTPS endpoint of a {@link #cosmos()} server. */
    public String cosmosEndpoint() {
        return "https://127.0.0.1:" + port + "/";
    }

    /**
     * The Cosmos DB emulator's well-known account key (public, documented by Microsoft); the local
     * server accepts any signature, the SDK needs a well-formed key to sign with.
     */
    public static final String COSMOS_EMULATOR_KEY =
            "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    /** The server's directory, absolute, created when missing. */
    private static Path directory(Path serverDir) {
        Path dir = serverDir.toAbsolutePath();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Starts the server, trying twice: a JVM-based stand-in was seen, rarely, to stall before opening
     * its port. One that fails both attempts fails the test with its output.
     */
    static LocalServer start(String name, Path dir, List<String> command, java.util.regex.Pattern ready) {
        IllegalStateException first = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOnce(name, dir, command, ready);
            } catch (IllegalStateException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        throw first;
    }

    private static LocalServer startOnce(String name, Path dir, List<String> command, java.util.regex.Pattern ready) {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(name + " could not start (" + String.join(" ", command) + "): " + e.getMessage()
                    + "; the tests need Node.js (see README)", e);
        }
        StringBuilder output = new StringBuilder();
        java.util.Deque<String> tail = new java.util.ArrayDeque<>();
        CompletableFuture<Integer> listening = CompletableFuture.supplyAsync(() -> {
            // not closed here: once the server is ready, drain() keeps reading it (a closed pipe would
            // make the server's next line of output fail, and kill a Node server)
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            try {
                for (String line; (line = r.readLine()) != null; ) {
                    var m = ready.matcher(line);
                    if (m.find()) {
                        drain(r, dir.resolve(name + ".log"), tail);
                        return Integer.parseInt(m.group(1));
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
                return new LocalServer(name, p, port, tail);
            }
        } catch (Exception e) {
            // reported below with the server's output
        }
        boolean exited = !p.isAlive();
        p.destroyForcibly();
        synchronized (output) {
            throw new IllegalStateException(name + (exited ? " exited before it listened" : " did not start within "
                    + START) + ":\n" + output);
        }
    }

    /** Keeps reading the server's output (so it never blocks on a full pipe) into a log for diagnosis. */
    private static void drain(BufferedReader r, Path log, java.util.Deque<String> tail) {
        Thread.ofPlatform().daemon(true).start(() -> {
            try (r; var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (tail) {
                        if (tail.size() == 40) {
                            tail.removeFirst();
                        }
                        tail.addLast(line);
                    }
                    out.write(line);
                    out.newLine();
                    out.flush();
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
        ending = true;
        try {
            thaw(); // a frozen server cannot see its stdin close
        } catch (RuntimeException ignored) {
            // already gone
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }

    /**
     * Freezes the server (SIGSTOP to it and every process it started): connections are still
     * accepted by the kernel, but nothing answers, as with a hung backend. {@link #thaw} resumes it.
     */
    @Override
    public void freeze() {
        signal("STOP");
    }

    @Override
    public void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        List<String> command = new ArrayList<>(List.of("kill", "-" + name, String.valueOf(process.pid())));
        process.descendants().forEach(d -> command.add(String.valueOf(d.pid())));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kill.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether something still accepts connections on the server's port. */
    public boolean accepting() {
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return name + " on " + endpoint();
    }
}
