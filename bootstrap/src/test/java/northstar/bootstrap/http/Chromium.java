package northstar.bootstrap.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium (Debian's package, /usr/bin/chromium) driven over the DevTools protocol by the
 * JDK's own HTTP and WebSocket clients: navigate, evaluate, send keys, set the viewport, screenshot.
 * Started with the flags this machine's closed network needs, a user-data-dir of its own, and a
 * debugging port it picks itself (read back from DevToolsActivePort).
 */
final class Chromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    /** Console errors and log entries of level error (a CSP violation is one). */
    final List<String> errors = new CopyOnWriteArrayList<>();

    private Chromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    static Chromium start() throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's chromium package (.ci/run does)");
        }
        Path profile = Files.createTempDirectory("northstar-chromium-");
        Process p = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--window-size=1280,900", "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        Path active = profile.resolve("DevToolsActivePort");
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(active) || Files.readAllLines(active).size() < 2) {
            if (!p.isAlive() || System.nanoTime() > until) {
                p.destroyForcibly();
                throw new IllegalStateException("chromium did not start: " + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readAllLines(active).getFirst().strip());
        HttpClient http = HttpClient.newHttpClient();
        String page = null;
        while (page == null) {
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode t : targets) {
                if (t.path("type").asText().equals("page")) {
                    page = t.get("webSocketDebuggerUrl").asText();
                }
            }
            if (page == null) {
                Thread.sleep(50);
            }
        }
        Chromium[] self = new Chromium[1];
        StringBuilder partial = new StringBuilder();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(page), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    self[0].received(partial.toString());
                    partial.setLength(0);
                }
                w.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        Chromium c = new Chromium(p, profile, ws);
        self[0] = c;
        c.send("Page.enable", Map.of());
        c.send("Runtime.enable", Map.of());
        c.send("Log.enable", Map.of());
        return c;
    }

    private void received(String text) {
        try {
            JsonNode m = JSON.readTree(text);
            if (m.has("id")) {
                CompletableFuture<JsonNode> f = calls.remove(m.get("id").asInt());
                if (f != null) {
                    if (m.has("error")) {
                        f.completeExceptionally(new IllegalStateException(m.get("error").toString()));
                    } else {
                        f.complete(m.get("result"));
                    }
                }
            } else if (m.path("method").asText().equals("Runtime.consoleAPICalled")
                    && m.at("/params/type").asText().equals("error")) {
                errors.add("console: " + m.at("/params/args").toString());
            } else if (m.path("method").asText().equals("Log.entryAdded")
                    && m.at("/params/entry/level").asText().equals("error")) {
                errors.add("log: " + m.at("/params/entry/text").asText() + " " + m.at("/params/entry/url").asText());
            } else if (m.path("method").asText().equals("Runtime.exceptionThrown")) {
                errors.add("exception: " + m.at("/params/exceptionDetails").toString());
            }
        } catch (IOException e) {
            errors.add("unreadable message: " + text);
        }
    }

    JsonNode send(String method, Map<String, ?> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        calls.put(id, f);
        ObjectNode m = JSON.createObjectNode().put("id", id).put("method", method);
        m.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(m), true).get(10, TimeUnit.SECONDS);
        return f.get(30, TimeUnit.SECONDS);
    }

    void navigate(String url) throws Exception {
        send("Page.navigate", Map.of("url", url));
        awaitTrue("document.readyState === 'complete'", Duration.ofSeconds(20));
    }

    /** The value of an expression (awaited when it is a promise), as JSON. */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException(expression + ": " + r.get("exceptionDetails"));
        }
        return r.at("/result/value");
    }

    void awaitTrue(String expression, Duration timeout) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        while (!eval("Boolean(" + expression + ")").asBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not true within " + timeout + ": " + expression + "; the page says: "
                        + eval("document.getElementById('status') && document.getElementById('status').textContent")
                        + "; errors: " + errors);
            }
            Thread.sleep(50);
        }
    }

    /** Presses a key as the keyboard does (down, then up). */
    void press(String key, String code, int keyCode, int modifiers) throws Exception {
        for (String type : List.of("rawKeyDown", "keyUp")) {
            send("Input.dispatchKeyEvent", Map.of("type", type, "key", key, "code", code, "windowsVirtualKeyCode", keyCode,
                    "modifiers", modifiers));
        }
    }

    void viewport(int width, int height, boolean mobile) throws Exception {
        send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
                "mobile", mobile));
    }

    void screenshot(Path file) throws Exception {
        JsonNode r = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(r.get("data").asText()));
    }

    @Override
    public void close() throws Exception {
        socket.abort();
        // chromium's helpers (network service, renderer, zygote) are processes of their own: all of them go
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                p.destroyForcibly();
            }
        }
        try (var all = Files.walk(profile)) {
            List<Path> paths = new ArrayList<>(all.toList());
            paths.sort(java.util.Comparator.reverseOrder());
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // a file renamed under the walk by a helper's last write: a temp dir left behind, nothing else
        }
    }
}
