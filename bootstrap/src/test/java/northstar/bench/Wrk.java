package northstar.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk (a separate process, so the load costs the server as little CPU as possible) and reads its figures. */
final class Wrk {
    record Result(double requestsPerSecond, double p50Millis, double p99Millis, long requests, long non2xx) {
    }

    private Wrk() {
    }

    /** A Lua script that sends this method, body and headers. */
    static Path script(Path dir, String name, String method, String body, String apiKey) throws IOException {
        String lua = "wrk.method = \"" + method + "\"\n"
                + (body == null ? "" : "wrk.body = [==[" + body + "]==]\n")
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                + "wrk.headers[\"Authorization\"] = \"Bearer " + apiKey + "\"\n";
        Path p = dir.resolve(name + ".lua");
        Files.writeString(p, lua);
        return p;
    }

    static Result run(String url, Path script, int connections, int seconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t", String.valueOf(Math.min(2, connections)), "-c",
                String.valueOf(connections), "-d", seconds + "s", "--latency", "-s", script.toString(), url));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("wrk failed: " + out);
        }
        return new Result(number(out, "Requests/sec:\\s+([\\d.]+)"), millis(out, "50%"), millis(out, "99%"),
                (long) number(out, "(\\d+) requests in"), out.contains("Non-2xx") ? (long) number(out,
                "Non-2xx or 3xx responses: (\\d+)") : 0);
    }

    private static double number(String out, String regex) throws IOException {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IOException("wrk output lacks " + regex + ": " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double millis(String out, String percentile) throws IOException {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            throw new IOException("wrk output lacks the " + percentile + " latency: " + out);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }
}
