package northstar.bench;

import static northstar.bench.Report.f;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import northstar.bootstrap.http.ServiceProcess;

/**
 * 4. a 1 GiB object PUT and GET over HTTP on the filesystem backend; 5. a 1 GiB media store (SHA-256,
 * a durable write and the metadata record). The baselines are the physical limits of the same work on
 * the same disk: for a PUT or a media store, the file hashed by {@code openssl dgst -sha256} and then
 * copied durably by {@code dd bs=1M conv=fsync}, one after the other (the service does both in one
 * pipelined pass, so it can beat their sum); for a GET, nginx with sendfile serving the same file to
 * the same {@code curl -o /dev/null} over loopback. Three rounds, each measuring every figure right
 * after its own baseline (A B A B: hash-copy, PUT, hash-copy, media, nginx, GET), every PUT a new
 * object; the table shows min and median. The service
 * runs with -Xmx128m: bodies must stream, and its heap after GC is checked against idle.
 */
final class ObjectBench {
    static final long GIB = 1024L * 1024 * 1024;
    static final int ROUNDS = 3;

    private ObjectBench() {
    }

    static void run(Path dir, Report report) throws Exception {
        System.out.println("[4,5] 1 GiB objects and media");
        Path files = dir.resolve("files");
        Files.createDirectories(files);
        Path file = files.resolve("one.gib");
        BenchSuite.timed(List.of("sh", "-c", "head -c " + GIB + " /dev/urandom > " + file));
        Path copy = dir.resolve("copy.gib");
        String s = file.toString();
        int port = BenchSuite.freePort();
        String base = "http://127.0.0.1:" + port;
        String auth = "Authorization: Bearer " + BenchSuite.KEY;
        List<Double> hashCopy = new ArrayList<>();
        List<Double> hashCopyBeforeMedia = new ArrayList<>();
        List<Double> puts = new ArrayList<>();
        List<Double> medias = new ArrayList<>();
        List<Double> nginxGets = new ArrayList<>();
        List<Double> gets = new ArrayList<>();
        String putMemory;
        String getMemory;
        String mediaMemory;
        double idleHeap;
        double[] heapAfter = new double[3];
        try (Nginx nginx = Nginx.serve(files, dir.resolve("nginx"));
             ServiceProcess service = BenchSuite.startService(dir.resolve("service"), port, "-Xmx128m")) {
            long pid = service.pid();
            idleHeap = Memory.heapAfterGcMib(pid);
            Memory.resetPeak(pid);
            String[] memory = new String[3];
            for (int round = 0; round < ROUNDS; round++) {
                String key = "big/one-" + round + ".bin";
                hashCopy.add(hashThenDurableCopy(s, copy));
                puts.add(BenchSuite.timed(List.of("curl", "-sSf", "-H", auth, "-H", "Expect:", "-H",
                        "Content-Type: application/octet-stream", "-T", s, base + "/v1/objects/" + key)));
                memory[0] = Memory.after(pid);
                heapAfter[0] = Math.max(heapAfter[0], Memory.heapAfterGcMib(pid));
                hashCopyBeforeMedia.add(hashThenDurableCopy(s, copy));
                medias.add(BenchSuite.timed(List.of("curl", "-sSf", "-o", "/dev/null", "-X", "POST", "-H", auth, "-H",
                        "Expect:", "-H", "Content-Type: video/mp4", "-T", s,
                        base + "/v1/media?session_id=s_big&user_id=u_1")));
                memory[2] = Memory.after(pid);
                heapAfter[2] = Math.max(heapAfter[2], Memory.heapAfterGcMib(pid));
                // A B, then B A: neither always follows the media store's durable write
                List<String> fromNginx = List.of("curl", "-sSf", "-o", "/dev/null", "http://127.0.0.1:" + nginx.port
                        + "/one.gib");
                List<String> fromService = List.of("curl", "-sSf", "-H", auth, "-o", "/dev/null", base + "/v1/objects/" + key);
                if (round % 2 == 0) {
                    nginxGets.add(BenchSuite.timed(fromNginx));
                    gets.add(BenchSuite.timed(fromService));
                } else {
                    gets.add(BenchSuite.timed(fromService));
                    nginxGets.add(BenchSuite.timed(fromNginx));
                }
                memory[1] = Memory.after(pid);
                heapAfter[1] = Math.max(heapAfter[1], Memory.heapAfterGcMib(pid));
            }
            if (!service.alive() || service.stderr().contains("OutOfMemoryError")) {
                throw new IllegalStateException("the service did not survive the 1 GiB transfers: " + service.stderr());
            }
            putMemory = memory[0];
            getMemory = memory[1];
            mediaMemory = memory[2];
        }
        Files.deleteIfExists(copy);
        double put = median(puts);
        double base1 = median(hashCopy);
        report.add("4. object PUT 1 GiB (-Xmx128m)", minMedian(puts), "openssl dgst -sha256 + dd bs=1M conv=fsync "
                + minMedian(hashCopy), put / base1, "<= 1.0x (medians)", put / base1 <= 1.0, putMemory);
        double media = median(medias);
        double base2 = median(hashCopyBeforeMedia);
        report.add("5. media store 1 GiB (-Xmx128m)", minMedian(medias), "openssl dgst -sha256 + dd bs=1M conv=fsync "
                + minMedian(hashCopyBeforeMedia), media / base2, "<= 1.0x (medians)", media / base2 <= 1.0, mediaMemory);
        double get = median(gets);
        double nginx = median(nginxGets);
        report.add("4. object GET 1 GiB (-Xmx128m)", minMedian(gets), "nginx sendfile " + minMedian(nginxGets),
                get / nginx, "<= 1.2x (medians)", get / nginx <= 1.2, getMemory);
        double worst = Math.max(heapAfter[0], Math.max(heapAfter[1], heapAfter[2]));
        report.add("4-5. heap after GC after the 1 GiB PUT, GET and media, beside idle", f("at most %.1f MiB", worst),
                f("idle %.1f MiB", idleHeap), Double.NaN, "within 16 MiB of idle", worst - idleHeap <= 16);
    }

    /** The baseline of a PUT or a media store: the file hashed, then copied durably, one after the other. */
    static double hashThenDurableCopy(String file, Path copy) throws Exception {
        Files.deleteIfExists(copy);
        double t = BenchSuite.timed(List.of("openssl", "dgst", "-sha256", file))
                + BenchSuite.timed(List.of("dd", "if=" + file, "of=" + copy, "bs=1M", "conv=fsync", "status=none"));
        Files.deleteIfExists(copy);
        return t;
    }

    static double median(List<Double> seconds) {
        List<Double> sorted = new ArrayList<>(seconds);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** "min 2.31 s, median 2.40 s (443 MiB/s)". */
    static String minMedian(List<Double> seconds) {
        double median = median(seconds);
        return f("min %.2f s, median %.2f s (%.0f MiB/s)", Collections.min(seconds), median, 1024 / median);
    }
}
