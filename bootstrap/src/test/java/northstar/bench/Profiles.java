package northstar.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine's and the service's CPU around one load run (printed, to tell a CPU-bound run from one that
 * waits), and JFR recordings of the service under test, for the profiles docs/BENCHMARKS.md cites: with {@code -Dbench.jfr=DIR} (through JAVA_TOOL_OPTIONS for .ci/bench) each recorded run
 * writes DIR/NAME.jfr; read it with {@code jfr view hot-methods DIR/NAME.jfr}. Without the property
 * nothing is recorded and the run is as it always is. {@code -Dbench.jfr.settings=FILE.jfc} records with other
 * settings, e.g. JDK 25's CPU-time sampler, which sees native code (SQLite) too:
 * {@code jfr configure --input profile jdk.CPUTimeSample#enabled=true jdk.CPUTimeSample#throttle=1ms}.
 */
final class Profiles {
    private static final String DIR = System.getProperty("bench.jfr");

    private Profiles() {
    }

    /** Runs the load, recorded as NAME when recording is on. */
    static <T> T recorded(long pid, String name, Load<T> load) throws Exception {
        long[] before = cpuTicks();
        long service0 = processTicks(pid);
        try {
            return recordedOnly(pid, name, load);
        } finally {
            long[] after = cpuTicks();
            long total = after[0] - before[0];
            System.out.printf("  %s: machine CPU busy %.0f%% (user %.0f%%, system %.0f%%), this service %.0f%%%n", name,
                    100.0 * (total - (after[1] - before[1])) / total, 100.0 * (after[2] - before[2]) / total,
                    100.0 * (after[3] - before[3]) / total, 100.0 * (processTicks(pid) - service0) / total);
        }
    }

    /** The machine's jiffies from /proc/stat: total, idle (with iowait), user (with nice), system (with irqs). */
    private static long[] cpuTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
        long[] v = new long[f.length - 1];
        for (int i = 1; i < f.length; i++) {
            v[i - 1] = Long.parseLong(f[i]);
        }
        long total = 0;
        for (int i = 0; i < Math.min(v.length, 8); i++) {
            total += v[i];
        }
        return new long[] {total, v[3] + v[4], v[0] + v[1], v[2] + v[5] + v[6]};
    }

    /**
     * Time on a CPU and time runnable but waiting for one, in ns, summed over the threads of a process
     * ("self" or a pid) whose name contains the given part (the kernel keeps 15 characters of a name),
     * from /proc/PID/task/TID/schedstat; and how many threads matched.
     */
    record Schedstat(long runNanos, long waitNanos, int threads) {
    }

    static Schedstat schedstat(String pid, String namePart) throws IOException {
        long run = 0;
        long wait = 0;
        int threads = 0;
        try (var tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    if (Files.readString(task.resolve("comm")).contains(namePart)) {
                        String[] f = Files.readString(task.resolve("schedstat")).trim().split(" ");
                        run += Long.parseLong(f[0]);
                        wait += Long.parseLong(f[1]);
                        threads++;
                    }
                } catch (IOException | RuntimeException gone) {
                    // a thread that ended between the listing and the read
                }
            }
        }
        return new Schedstat(run, wait, threads);
    }

    /** As {@link #schedstat}, for threads of a service that must be there (its SQLite writer); fails when none is. */
    static Schedstat threadSchedstat(long pid, String namePart) throws IOException {
        Schedstat s = schedstat(String.valueOf(pid), namePart);
        if (s.threads() == 0) {
            throw new IllegalStateException("no thread named *" + namePart + "* in process " + pid);
        }
        return s;
    }

    /** The process's user and system jiffies from /proc/PID/stat (fields 14 and 15, after the command's parentheses). */
    private static long processTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static <T> T recordedOnly(long pid, String name, Load<T> load) throws Exception {
        if (DIR == null) {
            return load.run();
        }
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Path file = Files.createDirectories(Path.of(DIR)).toAbsolutePath().resolve(name + ".jfr");
        Memory.run(List.of(jcmd, String.valueOf(pid), "JFR.start", "name=" + name,
                "settings=" + System.getProperty("bench.jfr.settings", "profile")));
        try {
            return load.run();
        } finally {
            Memory.run(List.of(jcmd, String.valueOf(pid), "JFR.stop", "name=" + name, "filename=" + file));
            System.out.println("  recorded " + file);
        }
    }

    interface Load<T> {
        T run() throws Exception;
    }
}
