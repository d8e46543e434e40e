package northstar.application.insight;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import northstar.application.Paging;
import northstar.application.media.MediaService;
import northstar.application.routing.StoreRouter;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.ProjectScope;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.analytics.EventStatus;
import northstar.domain.tabular.TableRef;
import northstar.domain.tabular.TabularItem;

/**
 * Reports over the rollup counters: their cost is the number of counters in the range (hours or
 * days times groups), whatever the number of events.
 */
public final class InsightService {
    /** The most groups one report returns (the largest by events). */
    public static final int MAX_SERIES = 200;
    /** The longest range of an hourly report (the counters of each day are one listing). */
    public static final int MAX_HOURLY_DAYS = 92;
    /** The longest range of a report by UTM (the counters of each month are one listing). */
    public static final int MAX_DAILY_DAYS = 732;
    private static final Set<String> TIME_GROUPS = Set.of("app", "platform", "status");
    private static final Set<String> UTM_GROUPS = Set.of("utm_source", "utm_medium", "utm_campaign", "status");

    /** The most hours of one session a summary reads (about three months of activity every hour). */
    public static final int MAX_SESSION_HOURS = 2_000;
    /** The most media records of one session a summary reads. */
    public static final int MAX_SESSION_MEDIA = 10_000;

    private final StoreRouter router;
    private final Rollups rollups;
    private final MediaService media;

    public InsightService(StoreRouter router, Rollups rollups, MediaService media) {
        this.router = router;
        this.rollups = rollups;
        this.media = media;
    }

    /** The rollups ingest counts into: their repair, flush and rebuild. */
    public Rollups rollups() {
        return rollups;
    }

    /**
     * The report of [from, to) (from taken down to the granularity) at hour or day granularity,
     * grouped by some of app, platform, status, or by some of utm_source, utm_medium, utm_campaign,
     * status (counted per day, so day granularity only); an empty grouping is one series of everything.
     */
    public Report report(RequestContext ctx, ProjectScope projects, Instant from, Instant to, String granularity,
                         List<String> groupBy) {
        ChronoUnit unit = switch (granularity == null ? "" : granularity) {
            case "hour" -> ChronoUnit.HOURS;
            case "day" -> ChronoUnit.DAYS;
            default -> throw StoreException.invalid("granularity", "must be hour or day");
        };
        if (from == null || to == null || !from.isBefore(to)) {
            throw StoreException.invalid("to", "must be after from");
        }
        List<String> groups = List.copyOf(new java.util.LinkedHashSet<>(groupBy));
        boolean utm = groups.stream().anyMatch(g -> g.startsWith("utm_"));
        Set<String> allowed = utm ? UTM_GROUPS : TIME_GROUPS;
        for (String g : groups) {
            if (!allowed.contains(g)) {
                throw StoreException.invalid("group_by", "takes app, platform, status, or utm_source, utm_medium, "
                        + "utm_campaign, status (one set or the other); " + g + " is not one of them here");
            }
        }
        RollupKeys.Kind kind = utm ? RollupKeys.Kind.DAILY : RollupKeys.Kind.HOURLY;
        if (utm && unit == ChronoUnit.HOURS) {
            throw StoreException.invalid("granularity", "must be day when grouping by utm_ (they are counted per day)");
        }
        Instant start = from.truncatedTo(unit);
        long days = java.time.Duration.between(start, to).toDays();
        int maxDays = utm ? MAX_DAILY_DAYS : MAX_HOURLY_DAYS;
        if (days > maxDays) {
            throw StoreException.invalid("to", "a report covers at most " + maxDays + " days here");
        }
        Map<List<String>, TreeMap<Instant, long[]>> counts = new HashMap<>();
        Map<List<String>, TreeMap<Instant, Map<String, Double>>> usage = new HashMap<>();
        for (String prefix : listPrefixes(kind, start, to)) {
            PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
            while (true) {
                Page<TabularItem> p = router.tabular(ctx).store().list(new TableRef(ctx.tenantId(), RollupKeys.TABLE),
                        prefix, page);
                for (TabularItem item : p.items()) {
                    add(item, projects, start, to, unit, groups, counts, usage);
                }
                if (p.nextCursor().isEmpty()) {
                    break;
                }
                page = page.next(p.nextCursor().get());
            }
        }
        List<Report.Series> series = new ArrayList<>();
        counts.forEach((key, byTime) -> {
            Map<String, String> group = new LinkedHashMap<>();
            for (int i = 0; i < groups.size(); i++) {
                group.put(groups.get(i), key.get(i));
            }
            List<Report.Point> points = new ArrayList<>();
            long total = 0;
            for (var e : byTime.entrySet()) {
                long[] c = e.getValue();
                total += c[0];
                List<Report.UsageSum> sums = new ArrayList<>();
                new TreeMap<>(usage.get(key).getOrDefault(e.getKey(), Map.of()))
                        .forEach((field, amount) -> sums.add(RollupKeys.usageSum(field, amount)));
                points.add(new Report.Point(e.getKey(), c[0], c[1], c[2], sums));
            }
            series.add(new Report.Series(group, total, points));
        });
        series.sort(Comparator.comparingLong(Report.Series::events).reversed()
                .thenComparing(s -> String.valueOf(s.group().values())));
        boolean truncated = series.size() > MAX_SERIES;
        return new Report(start, to, granularity, groups, truncated ? series.subList(0, MAX_SERIES) : series,
                truncated);
    }

    /**
     * A session's summary: its runs, outcomes and usage from the session counters its index names (no
     * scan of events), and its media from their metadata records (no blob read). A session with neither
     * events nor media in the projects read is NOT_FOUND.
     */
    public SessionSummary sessionSummary(RequestContext ctx, ProjectScope projects, String sessionId) {
        northstar.domain.Identifiers.id("session_id", sessionId);
        var store = router.tabular(ctx).store();
        TableRef table = new TableRef(ctx.tenantId(), RollupKeys.TABLE);
        java.util.TreeSet<String> hours = new java.util.TreeSet<>();
        Map<String, List<String>> hoursByProject = new TreeMap<>();
        for (TabularItem index : listAll(store, table, RollupKeys.sessionIndexPrefix(sessionId))) {
            String project = index.string(RollupKeys.PROJECT);
            if (project == null || !projects.covers(project) || !sessionId.equals(index.string("session_id"))) {
                continue; // another project, or another session whose long id hashes alike
            }
            index.attributes().keySet().stream().filter(a -> a.startsWith(RollupKeys.HOUR_PREFIX)).sorted()
                    .forEach(a -> {
                        String bucket = a.substring(RollupKeys.HOUR_PREFIX.length());
                        hours.add(bucket);
                        hoursByProject.computeIfAbsent(project, p -> new ArrayList<>()).add(bucket);
                    });
        }
        boolean truncated = false;
        long[] totals = new long[3];
        Map<String, long[]> runs = new TreeMap<>(Comparator.comparing(northstar.domain.analytics.StepOrder::sortKey)
                .thenComparing(Comparator.naturalOrder()));
        Map<String, Double> usage = new TreeMap<>();
        int read = 0;
        Instant first = null;
        Instant last = null;
        for (var e : hoursByProject.entrySet()) {
            for (String bucket : e.getValue()) {
                if (++read > MAX_SESSION_HOURS) {
                    truncated = true;
                    break;
                }
                for (TabularItem c : listAll(store, table, RollupKeys.sessionCounters(bucket, e.getKey(), sessionId))) {
                    Double n = c.number(RollupKeys.COUNT);
                    if (n == null || n <= 0 || !sessionId.equals(c.string("session_id"))) {
                        continue;
                    }
                    Instant at = RollupKeys.Kind.SESSION.start(bucket);
                    first = first == null || at.isBefore(first) ? at : first;
                    last = last == null || at.isAfter(last) ? at : last;
                    String status = c.string("status");
                    boolean failed = !EventStatus.SUCCESS.wireName().equals(status);
                    totals[0] += Math.round(n);
                    totals[1] += EventStatus.ERROR.wireName().equals(status) ? Math.round(n) : 0;
                    totals[2] += EventStatus.GATECHAINERROR.wireName().equals(status) ? Math.round(n) : 0;
                    c.attributes().forEach((name, value) -> {
                        if (!(value instanceof Number v)) {
                            return;
                        }
                        if (name.startsWith(RollupKeys.RUN_PREFIX)) {
                            long[] run = runs.computeIfAbsent(RollupKeys.runOf(name), r -> new long[2]);
                            run[0] += Math.round(v.doubleValue());
                            run[1] += failed ? Math.round(v.doubleValue()) : 0;
                        } else if (name.startsWith(RollupKeys.USAGE_PREFIX)) {
                            usage.merge(name, v.doubleValue(), Double::sum);
                        }
                    });
                }
            }
        }
        long mediaCount = 0;
        long mediaBytes = 0;
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            var p = media.listForSession(ctx, projects, sessionId, page);
            for (var m : p.items()) {
                mediaCount++;
                mediaBytes += m.sizeBytes();
            }
            if (p.nextCursor().isEmpty()) {
                break;
            }
            if (mediaCount >= MAX_SESSION_MEDIA) {
                truncated = true;
                break;
            }
            page = page.next(p.nextCursor().get());
        }
        if (totals[0] == 0 && mediaCount == 0) {
            throw StoreException.notFound("session " + sessionId);
        }
        List<SessionSummary.RunCount> runCounts = new ArrayList<>();
        runs.forEach((id, c) -> runCounts.add(new SessionSummary.RunCount(id, c[0], c[1])));
        List<Report.UsageSum> sums = new ArrayList<>();
        usage.forEach((field, amount) -> sums.add(RollupKeys.usageSum(field, amount)));
        return new SessionSummary(sessionId, totals[0], totals[1], totals[2], first, last, runCounts, sums, mediaCount,
                mediaBytes, truncated);
    }

    /** A session's index items (one per project) or one hour's counters of it (one per status): small by construction. */
    private static List<TabularItem> listAll(northstar.domain.tabular.TabularStore store, TableRef table,
                                             String prefix) {
        return Paging.all(page -> store.list(table, prefix, page), Integer.MAX_VALUE);
    }

    /** The listings that cover [start, to): one per day (hourly counters) or month (daily counters). */
    private static List<String> listPrefixes(RollupKeys.Kind kind, Instant start, Instant to) {
        List<String> prefixes = new ArrayList<>();
        for (Instant t = start.truncatedTo(ChronoUnit.DAYS); t.isBefore(to); t = t.plus(1, ChronoUnit.DAYS)) {
            String p = kind.listPrefix(t);
            if (prefixes.isEmpty() || !prefixes.getLast().equals(p)) {
                prefixes.add(p);
            }
        }
        return prefixes;
    }

    private static void add(TabularItem item, ProjectScope projects, Instant start, Instant to, ChronoUnit unit,
                            List<String> groups, Map<List<String>, TreeMap<Instant, long[]>> counts,
                            Map<List<String>, TreeMap<Instant, Map<String, Double>>> usage) {
        String at = item.string(RollupKeys.START);
        String project = item.string(RollupKeys.PROJECT);
        Double n = item.number(RollupKeys.COUNT);
        if (at == null || project == null || n == null || n <= 0 || !projects.covers(project)) {
            return;
        }
        Instant t = Instant.parse(at);
        if (t.isBefore(start) || !t.isBefore(to)) {
            return;
        }
        Instant point = t.truncatedTo(unit);
        List<String> key = new ArrayList<>(groups.size());
        groups.forEach(g -> key.add(item.string(g)));
        long[] c = counts.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(point, k -> new long[3]);
        long events = Math.round(n);
        String status = item.string("status");
        c[0] += events;
        c[1] += EventStatus.ERROR.wireName().equals(status) ? events : 0;
        c[2] += EventStatus.GATECHAINERROR.wireName().equals(status) ? events : 0;
        Map<String, Double> sums = usage.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(point,
                k -> new TreeMap<>());
        item.attributes().forEach((name, value) -> {
            if (name.startsWith(RollupKeys.USAGE_PREFIX) && value instanceof Number v) {
                sums.merge(name, v.doubleValue(), Double::sum);
            }
        });
    }
}
