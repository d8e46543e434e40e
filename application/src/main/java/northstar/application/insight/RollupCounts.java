package northstar.application.insight;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import northstar.domain.analytics.AnalyticsRecord;

/** Counts per counter key: what events add to the rollups, before they are written (or, in a recount, instead). */
final class RollupCounts {
    /** One counter: its group and what to add to each of its fields. */
    record Counter(String bucket, Map<String, String> group, Map<String, Double> fields) {
    }

    private final Map<String, Counter> counters = new LinkedHashMap<>();

    /** Adds an event to its counter of each kind. */
    void add(AnalyticsRecord r) {
        for (RollupKeys.Kind kind : RollupKeys.Kind.values()) {
            add(kind, r);
        }
    }

    /** Adds an event to its counter of one kind. */
    void add(RollupKeys.Kind kind, AnalyticsRecord r) {
        if (kind == RollupKeys.Kind.SESSION && r.dimensions().sessionId() == null) {
            return;
        }
        String bucket = kind.bucket(r.timestamp());
        Map<String, String> group = RollupKeys.group(kind, r);
        Counter c = counters.computeIfAbsent(RollupKeys.key(bucket, group),
                k -> new Counter(bucket, group, new LinkedHashMap<>()));
        c.fields().merge(RollupKeys.COUNT, 1.0, Double::sum);
        if (kind == RollupKeys.Kind.SESSION && r.dimensions().runId() != null) {
            c.fields().merge(RollupKeys.runField(r.dimensions().runId()), 1.0, Double::sum);
        }
        if (r.usage() != null && r.status() != northstar.domain.analytics.EventStatus.GATECHAINERROR) {
            // a refused event was charged nothing: it reports usage that did not happen
            c.fields().merge(RollupKeys.usageField(r.usage().provider(), r.usage().metric()), r.usage().amount(),
                    Double::sum);
        }
    }

    Map<String, Counter> counters() {
        return counters;
    }

    boolean isEmpty() {
        return counters.isEmpty();
    }

    /** The attributes a counter item holds: its bucket's start, its group (absent values left out) and its fields. */
    static Map<String, Object> attributes(Counter c) {
        Map<String, Object> a = new HashMap<>();
        a.put(RollupKeys.START, RollupKeys.Kind.ofBucket(c.bucket()).start(c.bucket()).toString());
        c.group().forEach((k, v) -> {
            if (v != null) {
                a.put(k, v);
            }
        });
        a.putAll(c.fields());
        return a;
    }
}
