package northstar.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's memory as the table reports it: its peak resident set (VmHWM, reset between
 * benchmarks through /proc/PID/clear_refs) and its heap after a full collection (jcmd GC.run, then
 * GC.heap_info), in MiB.
 */
final class Memory {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private Memory() {
    }

    /** Starts a new peak: the next {@link #peakRssMib} counts from now. */
    static void resetPeak(long pid) throws IOException {
        Files.writeString(Path.of("/proc/" + pid + "/clear_refs"), "5");
    }

    static double peakRssMib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmHWM for " + pid);
    }

    static double heapAfterGcMib(long pid) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(List.of(jcmd, String.valueOf(pid), "GC.run"));
        Matcher m = USED.matcher(run(List.of(jcmd, String.valueOf(pid), "GC.heap_info")));
        if (!m.find()) {
            throw new IllegalStateException("no heap figure from jcmd GC.heap_info");
        }
        return Long.parseLong(m.group(1)) / 1024.0;
    }

    /** "peak RSS x MiB, heap after GC y MiB" of a benchmark that just ran, then a new peak. */
    static String after(long pid) throws IOException, InterruptedException {
        String s = Report.f("%.0f MiB | %.1f MiB", peakRssMib(pid), heapAfterGcMib(pid));
        resetPeak(pid);
        return s;
    }

    /** Runs a command (jcmd), returns its output; fails when it fails. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command + " failed: " + out);
        }
        return out;
    }
}
