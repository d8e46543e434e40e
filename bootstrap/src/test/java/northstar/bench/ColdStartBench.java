package northstar.bench;

import static northstar.bench.Report.f;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import northstar.bootstrap.http.ConfigFiles;
import northstar.bootstrap.http.ServiceProcess;

/**
 * 7. cold start: process start to /readyz answering 200 on the embedded default, against a bare
 * Javalin hello-world started the same way (java -p ... -m ..., same JDK, same module path).
 * Median of five starts each.
 */
final class ColdStartBench {
    private ColdStartBench() {
    }

    static void run(Path dir, Report report) throws Exception {
        System.out.println("[7] cold start");
        Files.createDirectories(dir);
        String javaBin = ProcessHandle.current().info().command().orElseThrow();
        String modulePath = ServiceProcess.modulePath();
        Path hello = compileHello(dir, modulePath, Path.of(javaBin).resolveSibling("javac").toString());
        double ours = BenchSuite.median(5, () -> {
            Path run = Files.createTempDirectory(dir, "run");
            int port = BenchSuite.freePort();
            Path config = ConfigFiles.write(run, port, ConfigFiles.tenant(BenchSuite.TENANT, "lab"), ConfigFiles.LAB_ROUTES);
            return start(run, List.of(javaBin, ServiceProcess.launchOptions(), "-p", modulePath, "-m",
                    "northstar.bootstrap/northstar.bootstrap.Main", config.toString()), port);
        });
        double bare = BenchSuite.median(5, () -> {
            int port = BenchSuite.freePort();
            return start(dir, List.of(javaBin, "-p", hello + java.io.File.pathSeparator + modulePath, "-m",
                    "northstar.bench.hello/northstar.bench.hello.Hello", String.valueOf(port)), port);
        });
        report.add("7. cold start to /readyz 200", f("%.2f s", ours), f("Javalin hello-world %.2f s", bare), ours / bare,
                "<= 2x", ours / bare <= 2);
    }

    private static double start(Path dir, List<String> command, int port) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return BenchSuite.untilOk("http://127.0.0.1:" + port + "/readyz", t0, java.time.Duration.ofSeconds(60));
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    /** A module with one class: Javalin answering /readyz, nothing else. */
    private static Path compileHello(Path dir, String modulePath, String javac) throws Exception {
        Path src = dir.resolve("hello-src");
        Path out = dir.resolve("hello");
        Files.createDirectories(src.resolve("northstar/bench/hello"));
        Files.writeString(src.resolve("module-info.java"), "module northstar.bench.hello { requires io.javalin; }");
        Files.writeString(src.resolve("northstar/bench/hello/Hello.java"), """
                package northstar.bench.hello;
                public class Hello {
                    public static void main(String[] args) {
                        io.javalin.Javalin.create(c -> {
                            c.startup.showJavalinBanner = false;
                            c.jetty.host = "127.0.0.1";
                            c.jetty.port = Integer.parseInt(args[0]);
                            c.routes.get("/readyz", ctx -> ctx.result("ok"));
                        }).start();
                    }
                }
                """);
        BenchSuite.timed(new ArrayList<>(List.of(javac, "-d", out.toString(), "--module-path", modulePath,
                src.resolve("module-info.java").toString(), src.resolve("northstar/bench/hello/Hello.java").toString())));
        return out;
    }
}
