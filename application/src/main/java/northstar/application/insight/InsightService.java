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

    private final StoreRouter router;
    private final Rollups rollups;

    public InsightService(StoreRouter router, Rollups rollups) {
        this.router = router;
        this.rollups = rollups;
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
                new TreeMap<>(usage.get(key).getOrDefault(e.getKey(), Map.of())).forEach((field, amount) -> {
                    String[] pm = field.substring(RollupKeys.USAGE_PREFIX.length()).split(":", 2);
                    sums.add(new Report.UsageSum(pm[0], pm[1], amount));
                });
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
