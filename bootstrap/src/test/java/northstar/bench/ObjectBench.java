package northstar.bench;

import static northstar.bench.Report.f;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import northstar.bootstrap.http.ServiceProcess;

/**
 * 4. a 1 GiB object PUT and GET over HTTP on the filesystem backend, against cp and cat > /dev/null
 * of the same file; 5. a 1 GiB media store (SHA-256 + write + metadata) against openssl dgst -sha256
 * followed by cp. The service runs with -Xmx128m: the bodies must stream. Best of two runs each.
 */
final class ObjectBench {
    static final long GIB = 1024L * 1024 * 1024;

    private ObjectBench() {
    }

    static void run(Path dir, Report report) throws Exception {
        System.out.println("[4,5] 1 GiB objects and media");
        Files.createDirectories(dir);
        Path file = dir.resolve("one.gib");
        BenchSuite.timed(List.of("sh", "-c", "head -c " + GIB + " /dev/urandom > " + file));
        Path copy = dir.resolve("copy.gib");
        String s = file.toString();
        double cp = BenchSuite.best(2, () -> {
            Files.deleteIfExists(copy);
            return BenchSuite.timed(List.of("cp", s, copy.toString()));
        });
        double ddSync = BenchSuite.best(2, () -> {
            Files.deleteIfExists(copy);
            return BenchSuite.timed(List.of("dd", "if=" + s, "of=" + copy, "bs=1M", "conv=fsync", "status=none"));
        });
        double cat = BenchSuite.best(2, () -> BenchSuite.timed(List.of("sh", "-c", "cat " + s + " > /dev/null")));
        double dgstCp = BenchSuite.best(2, () -> {
            Files.deleteIfExists(copy);
            return BenchSuite.timed(List.of("openssl", "dgst", "-sha256", s)) + BenchSuite.timed(List.of("cp", s,
                    copy.toString()));
        });
        Files.deleteIfExists(copy);
        int port = BenchSuite.freePort();
        String base = "http://127.0.0.1:" + port;
        String auth = "Authorization: Bearer " + BenchSuite.KEY;
        try (ServiceProcess service = BenchSuite.startService(dir.resolve("service"), port, "-Xmx128m")) {
            double put = BenchSuite.best(2, () -> BenchSuite.timed(List.of("curl", "-sSf", "-H", auth, "-H", "Expect:",
                    "-H", "Content-Type: application/octet-stream", "-T", s, base + "/v1/objects/big/one.bin")));
            double get = BenchSuite.best(2, () -> BenchSuite.timed(List.of("curl", "-sSf", "-H", auth, "-o", "/dev/null",
                    base + "/v1/objects/big/one.bin")));
            double media = BenchSuite.best(2, () -> BenchSuite.timed(List.of("curl", "-sSf", "-X", "POST", "-H", auth,
                    "-H", "Expect:", "-H", "Content-Type: video/mp4", "-T", s,
                    base + "/v1/media?session_id=s_big&user_id=u_1")));
            if (!service.alive() || service.stderr().contains("OutOfMemoryError")) {
                throw new IllegalStateException("the service did not survive the 1 GiB transfers: " + service.stderr());
            }
            report.add("4. object PUT 1 GiB (-Xmx128m)", f("%.2f s (%.0f MiB/s)", put, 1024 / put),
                    f("cp %.2f s", cp), put / cp, "<= 1.5x", put / cp <= 1.5);
            report.add("4. object PUT 1 GiB, beside a durable copy", f("%.2f s", put),
                    f("dd bs=1M conv=fsync %.2f s (user-space copy + fsync, no hash)", ddSync), put / ddSync,
                    "(context)", null);
            report.add("4. object GET 1 GiB (-Xmx128m)", f("%.2f s (%.0f MiB/s)", get, 1024 / get),
                    f("cat > /dev/null %.2f s", cat), get / cat, "<= 1.5x", get / cat <= 1.5);
            report.add("5. media store 1 GiB (-Xmx128m)", f("%.2f s (%.0f MiB/s)", media, 1024 / media),
                    f("openssl dgst -sha256 + cp %.2f s", dgstCp), media / dgstCp, "<= 1.0x", media / dgstCp <= 1.0);
        }
    }
}
