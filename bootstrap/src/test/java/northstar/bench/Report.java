package northstar.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table of figures, each beside its baseline measured in the same run, with ratio and target. */
final class Report {
    /** @param memory the service's peak RSS and heap after GC in this benchmark ("a MiB | b MiB"), or "- | -" */
    record Row(String benchmark, String figure, String baseline, double ratio, String target, Boolean met,
               String memory) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(String benchmark, String figure, String baseline, double ratio, String target, Boolean met) {
        add(benchmark, figure, baseline, ratio, target, met, "- | -");
    }

    void add(String benchmark, String figure, String baseline, double ratio, String target, Boolean met,
             String memory) {
        Row r = new Row(benchmark, figure, baseline, ratio, target, met, memory);
        rows.add(r);
        System.out.println("  " + line(r));
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String line(Row r) {
        return f("%s | %s | %s | %s | %s | %s | %s", r.benchmark(), r.figure(), r.baseline(),
                Double.isNaN(r.ratio()) ? "-" : f("%.2fx", r.ratio()), r.target(),
                r.met() == null ? "-" : r.met() ? "met" : "MISSED", r.memory());
    }

    String markdown() {
        StringBuilder s = new StringBuilder("| benchmark | figure | baseline (same run) | ratio | target | | peak RSS |"
                + " heap after GC |\n|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            s.append("| ").append(line(r)).append(" |\n");
        }
        return s.toString();
    }
}
