package northstar.application.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.EventStatus;
import northstar.domain.analytics.UsageReport;

/**
 * What happened in a run, from its events: its steps in order (step_2 before step_10), each with its
 * status (the worst of its events), first and last timestamp, duration, errors and the gate that
 * refused it; the run's own span, error count and the usage its events were charged, per provider and
 * metric (an event a gate refused was charged nothing).
 *
 * @param truncated the run had more events than one summary reads; the figures cover the first ones
 */
public record RunSummary(String runId, EventStatus status, int events, int errors, Instant firstAt, Instant lastAt,
                         List<Step> steps, List<UsageTotal> usage, boolean truncated) {
    /** The most events one summary reads. */
    public static final int MAX_EVENTS = 10_000;

    /**
     * @param gate         the gate that refused an event of the step (budget or attribution), or null
     * @param errorMessage the first error of the step, or null
     */
    public record Step(String stepId, EventStatus status, int events, int errors, Instant firstAt, Instant lastAt,
                       String gate, String errorMessage) {
        public Duration duration() {
            return Duration.between(firstAt, lastAt);
        }
    }

    public record UsageTotal(String provider, String metric, double amount) {
    }

    public Duration duration() {
        return firstAt == null ? Duration.ZERO : Duration.between(firstAt, lastAt);
    }

    /** The summary of these events of one run, in step order as the store gives them. */
    static RunSummary of(String runId, List<AnalyticsRecord> records, boolean truncated) {
        List<Step> steps = new ArrayList<>();
        Map<String, double[]> usage = new LinkedHashMap<>();
        Tally run = new Tally(runId);
        Tally step = null;
        for (AnalyticsRecord r : records) {
            if (step == null || !java.util.Objects.equals(step.id, r.dimensions().stepId())) {
                if (step != null) {
                    steps.add(step.step());
                }
                step = new Tally(r.dimensions().stepId());
            }
            step.add(r);
            run.add(r);
            UsageReport u = r.usage();
            if (u != null && r.status() != EventStatus.GATECHAINERROR) { // a refused event was charged nothing
                usage.computeIfAbsent(u.provider() + "\u0000" + u.metric(), k -> new double[1])[0] += u.amount();
            }
        }
        if (step != null) {
            steps.add(step.step());
        }
        List<UsageTotal> totals = new ArrayList<>();
        usage.forEach((k, v) -> totals.add(new UsageTotal(k.substring(0, k.indexOf('\u0000')),
                k.substring(k.indexOf('\u0000') + 1), v[0])));
        return new RunSummary(runId, run.status, run.events, run.errors, run.first, run.last, steps, totals, truncated);
    }

    /** gatechainerror over error over success: what went worst. */
    private static EventStatus worse(EventStatus a, EventStatus b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(EventStatus s) {
        return switch (s) {
            case SUCCESS -> 0;
            case ERROR -> 1;
            case GATECHAINERROR -> 2;
        };
    }

    /** What a run or a step came to: the worst status, counts, span, the refusing gate and the first error. */
    private static final class Tally {
        final String id;
        EventStatus status = EventStatus.SUCCESS;
        int events;
        int errors;
        Instant first;
        Instant last;
        String gate;
        String errorMessage;

        Tally(String id) {
            this.id = id;
        }

        void add(AnalyticsRecord r) {
            events++;
            status = worse(status, r.status());
            first = first == null || r.timestamp().isBefore(first) ? r.timestamp() : first;
            last = last == null || r.timestamp().isAfter(last) ? r.timestamp() : last;
            if (r.status() != EventStatus.SUCCESS) {
                errors++;
                if (errorMessage == null) {
                    errorMessage = r.errorMessage();
                }
            }
            if (r.status() == EventStatus.GATECHAINERROR && gate == null) {
                gate = GateChain.rejectionOf(r).gate();
            }
        }

        Step step() {
            return new Step(id, status, events, errors, first, last, gate, errorMessage);
        }
    }
}
