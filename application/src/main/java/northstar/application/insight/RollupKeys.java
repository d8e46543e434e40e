package northstar.application.insight;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import northstar.domain.analytics.AnalyticsRecord;

/**
 * Where each rollup counter lives. Two kinds: hourly counters per (project, app, platform, status)
 * and daily counters per (project, utm_source, utm_medium, utm_campaign, status), in UTC. A
 * counter's key starts with its bucket, the prefix one listing reads: {@code h/2026-12-01/03/...}
 * (a day's hours are one prefix {@code h/2026-12-01/}) and {@code d/2026-12/01/...} (a month's days
 * are one prefix {@code d/2026-12/}). The group's values follow, percent-encoded (a long one by its
 * hash); they are kept whole as the counter's attributes, which is what reports read. Session
 * counters ({@code s/2026-12-01/03/{project}/{session}/{status}}) count per hour too, with one field
 * per run; a session's index item ({@code si/{session}/{project}}) names the hours it has counters in.
 */
final class RollupKeys {
    /** The table of the tenant's tabular store that holds the counters. */
    static final String TABLE = "analytics_rollups";
    static final String COUNT = "count";
    static final String USAGE_PREFIX = "u:";
    static final String START = "start";
    static final String PROJECT = "project_id";
    static final String RUN_PREFIX = "r:";
    static final String HOUR_PREFIX = "h:";
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd/HH");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM/dd");
    private static final int LONGEST_PLAIN = 48;

    enum Kind {
        HOURLY("h", ChronoUnit.HOURS, List.of("app", "platform", "status")),
        DAILY("d", ChronoUnit.DAYS, List.of("utm_source", "utm_medium", "utm_campaign", "status")),
        /** Per hour, session and status, with a count per run: what a session summary reads (events with a session only). */
        SESSION("s", ChronoUnit.HOURS, List.of("session_id", "status"));

        final String prefix;
        final ChronoUnit unit;
        /** The dimensions a counter of this kind is kept per (besides the project). */
        final List<String> dimensions;

        Kind(String prefix, ChronoUnit unit, List<String> dimensions) {
            this.prefix = prefix;
            this.unit = unit;
            this.dimensions = dimensions;
        }

        /** The bucket an instant falls in: the prefix of its counters' keys. */
        String bucket(Instant t) {
            LocalDateTime utc = LocalDateTime.ofInstant(t.truncatedTo(unit), ZoneOffset.UTC);
            return prefix + "/" + (this == DAILY ? DAY : HOUR).format(utc);
        }

        /** The prefix that lists every bucket of the day (hourly) or month (daily) of an instant. */
        String listPrefix(Instant t) {
            String b = bucket(t);
            return b.substring(0, b.lastIndexOf('/') + 1);
        }

        Instant start(String bucket) {
            String[] p = bucket.split("/");
            return this == DAILY
                    ? Instant.parse(p[1] + "-" + p[2] + "T00:00:00Z")
                    : Instant.parse(p[1] + "T" + p[2] + ":00:00Z");
        }

        static Kind ofBucket(String bucket) {
            for (Kind k : values()) {
                if (bucket.startsWith(k.prefix + "/") && bucket.split("/").length == 3) {
                    return k;
                }
            }
            throw new IllegalArgumentException("not a rollup bucket: " + bucket);
        }
    }

    private RollupKeys() {
    }

    /** The buckets of both kinds these events count into. */
    static Set<String> buckets(List<AnalyticsRecord> events) {
        Set<String> out = new java.util.TreeSet<>();
        for (AnalyticsRecord r : events) {
            for (Kind k : Kind.values()) {
                out.add(k.bucket(r.timestamp()));
            }
        }
        return out;
    }

    /** The group of an event in a kind: project and the kind's dimensions (absent values as null). */
    static Map<String, String> group(Kind kind, AnalyticsRecord r) {
        Map<String, String> g = new LinkedHashMap<>();
        g.put(PROJECT, r.projectId());
        for (String d : kind.dimensions) {
            g.put(d, switch (d) {
                case "app" -> r.dimensions().app();
                case "platform" -> r.dimensions().platform().wireName();
                case "status" -> r.status().wireName();
                case "utm_source" -> r.utm().source();
                case "utm_medium" -> r.utm().medium();
                case "utm_campaign" -> r.utm().campaign();
                case "session_id" -> r.dimensions().sessionId();
                default -> throw new IllegalStateException(d);
            });
        }
        return g;
    }

    /** The key of a group's counter in a bucket. */
    static String key(String bucket, Map<String, String> group) {
        StringBuilder k = new StringBuilder(bucket);
        for (String v : group.values()) {
            k.append('/').append(component(v));
        }
        return k.toString();
    }

    /** The name of the attribute counting a run's events in a session counter. */
    static String runField(String runId) {
        return RUN_PREFIX + encoded(runId); // whole, however long: the summary reads the run id back from it
    }

    /** The run id a run field names. */
    static String runOf(String field) {
        return java.net.URLDecoder.decode(field.substring(RUN_PREFIX.length()), StandardCharsets.UTF_8);
    }

    /** The key of a session's index item (the hours it has counters in), per project: one listing finds every project's. */
    static String sessionIndex(String sessionId, String projectId) {
        return sessionIndexPrefix(sessionId) + component(projectId);
    }

    static String sessionIndexPrefix(String sessionId) {
        return "si/" + component(sessionId) + "/";
    }

    /** The attribute of a session's index item naming one hour bucket it has counters in. */
    static String hourField(String bucket) {
        return HOUR_PREFIX + bucket;
    }

    /** The prefix that lists a session's counters of one hour bucket (one per status). */
    static String sessionCounters(String bucket, String projectId, String sessionId) {
        return bucket + "/" + component(projectId) + "/" + component(sessionId) + "/";
    }

    /** The sum a usage attribute holds, with the provider and metric its name carries. */
    static Report.UsageSum usageSum(String field, double amount) {
        String[] pm = field.substring(USAGE_PREFIX.length()).split(":", 2);
        return new Report.UsageSum(pm[0], pm[1], amount);
    }

    /** The name of the attribute summing a provider's metric. */
    static String usageField(String provider, String metric) {
        return USAGE_PREFIX + provider + ":" + metric;
    }

    private static String component(String v) {
        String plain = encoded(v);
        if (plain.length() > LONGEST_PLAIN) {
            try {
                byte[] h = MessageDigest.getInstance("SHA-256").digest(v.getBytes(StandardCharsets.UTF_8));
                return "~" + HexFormat.of().formatHex(h, 0, 12);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return plain;
    }

    /** A value percent-encoded but for [A-Za-z0-9_.]; null as "-". */
    private static String encoded(String v) {
        if (v == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        for (byte b : v.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.') {
                out.append((char) c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return out.toString();
    }
}
