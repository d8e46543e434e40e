package northstar.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import northstar.adapters.persistence.document.AnalyticsDocuments;
import northstar.application.routing.BackendCatalog;
import northstar.bootstrap.config.ConfigException;
import northstar.bootstrap.config.ConfigFile;
import northstar.bootstrap.config.LabDefaults;
import northstar.bootstrap.config.RouteDefaults;
import northstar.bootstrap.config.Secrets;
import northstar.bootstrap.config.ServiceConfig;
import northstar.bootstrap.config.TenantConfig;
import northstar.domain.Backend;
import northstar.domain.Identifiers;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.ProjectScope;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.analytics.AnalyticsQuery;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RoutingTable;

/** The operators' commands of {@code northstar}: keys, config check, tables create, export. */
final class Commands {
    /** What {@link Main#run} returns when the service runs on (the process lives until it is stopped). */
    static final int SERVING = -1;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Backend types on local disk: lab tenants only. */
    static final Set<String> LAB_ONLY = Set.of(northstar.adapters.persistence.sqlite.SqliteBackends.TYPE,
            northstar.adapters.blob.filesystem.FilesystemObjectStore.TYPE);
    /** The switch each backend type creates its storage with, when it has one. */
    private static final Map<String, String> CREATES = Map.of("dynamodb", "create_table", "cosmos", "create_container",
            "s3", "create_bucket", "gcs", "create_bucket", "azure_blob", "create_container");

    private Commands() {
    }

    /** A command used wrongly: its message, then the usage, exit 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** Options (--name value), switches (--flag) and positional arguments, checked against what a command takes. */
    record Args(Map<String, String> options, Set<String> switches, List<String> positional) {
        static Args of(List<String> args, Set<String> takesValue, Set<String> flags, int maxPositional) {
            Map<String, String> options = new HashMap<>();
            Set<String> switches = new java.util.HashSet<>();
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (takesValue.contains(a)) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(a + " needs a value");
                    }
                    if (options.put(a, args.get(++i)) != null) {
                        throw new UsageException(a + " is given twice");
                    }
                } else if (flags.contains(a) || a.equals("-h") || a.equals("--help")) {
                    switches.add(a);
                } else if (a.startsWith("-")) {
                    throw new UsageException("unknown option " + a);
                } else {
                    positional.add(a);
                }
            }
            if (positional.size() > maxPositional) {
                throw new UsageException("unexpected argument " + positional.get(maxPositional));
            }
            return new Args(options, switches, positional);
        }

        String value(String name) {
            return options.get(name);
        }

        String required(String name) {
            String v = options.get(name);
            if (v == null) {
                throw new UsageException(name + " is required");
            }
            return v;
        }

        boolean has(String flag) {
            return switches.contains(flag);
        }
    }

    static boolean isAddressInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException || t.getClass().getSimpleName().equals("JavalinBindException")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> after(List<String> args, String word, String usage) {
        if (args.isEmpty() || !args.getFirst().equals(word)) {
            throw new UsageException(usage);
        }
        return args.subList(1, args.size());
    }

    /** keys new --lab [--data DIR] | keys new --tenant T [--admin] [--name N] [--projects P1,P2] */
    static int keys(List<String> args, PrintStream out) {
        Args a = Args.of(after(args, "new", "keys takes one sub-command: new"),
                Set.of("--tenant", "--name", "--projects", "--data"), Set.of("--admin", "--lab"), 0);
        String key;
        if (a.has("--lab")) {
            if (a.value("--tenant") != null || a.value("--name") != null || a.value("--projects") != null) {
                throw new UsageException("--lab makes the lab default's key: it takes only --data");
            }
            Path data = Path.of(Optional.ofNullable(a.value("--data")).orElse("data"));
            key = LabDefaults.replaceKey(data);
            out.println("New lab API key (shown once; only its SHA-256 is kept in " + data.resolve("api-keys.json")
                    + "; the old key stops working at the next start):");
            out.println("  " + key);
            return 0;
        }
        String tenant = a.required("--tenant");
        try {
            Identifiers.slug("--tenant", tenant);
        } catch (StoreException e) {
            throw new UsageException(e.getMessage());
        }
        String name = Optional.ofNullable(a.value("--name")).orElse(tenant + "-" + Instant.now().getEpochSecond());
        key = Secrets.newApiKey();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("sha256", Secrets.sha256Hex(key));
        if (a.has("--admin")) {
            entry.put("admin", true);
        }
        if (a.value("--projects") != null) {
            List<String> projects = List.of(a.value("--projects").split(","));
            try {
                projects.forEach(p -> Identifiers.id("--projects", p));
            } catch (StoreException e) {
                throw new UsageException(e.getMessage());
            }
            entry.put("projects", projects);
        }
        out.println("New API key for tenant " + tenant + " (shown once; keep it, it is not stored anywhere):");
        out.println("  " + key);
        out.println("Add to the api_keys of tenant " + tenant + " in the config file:");
        try {
            out.println("  " + JSON.writeValueAsString(entry));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return 0;
    }

    /** config check FILE: everything startup checks, without opening a backend or taking the data directory. */
    static int configCheck(List<String> args, PrintStream out) {
        Args a = Args.of(after(args, "check", "config takes one sub-command: check FILE"), Set.of(), Set.of(), 1);
        if (a.positional().isEmpty()) {
            throw new UsageException("config check needs the config file");
        }
        ServiceConfig config = ConfigFile.read(Path.of(a.positional().getFirst()));
        RoutingTable routes = config.routes();
        BackendCatalog catalog = BackendTypes.catalog(Clock.systemUTC());
        for (String tenant : config.tenantIds()) {
            for (ResourceKind kind : ResourceKind.values()) {
                Route route = routes.require(kind, tenant);
                if (!catalog.knows(kind, route.backendType())) {
                    throw new northstar.domain.routing.RouteConfigurationException("unknown backend_type "
                            + route.backendType() + " for " + kind.wireName() + " (tenant " + tenant + ")");
                }
            }
        }
        for (TenantConfig t : config.tenants()) {
            Northstar.refuseLabOnlyBackends(routes, t, r -> LAB_ONLY.contains(r.backendType()));
        }
        out.println("configuration ok: " + config.tenants().size() + " tenant(s), " + routes.allRoutes().size()
                + " route(s), listening on " + config.host() + ":" + config.port() + ", data " + config.dataDir());
        return 0;
    }

    /**
     * tables create FILE: opens each route of the file once with its create switch on (DynamoDB tables,
     * Cosmos DB containers, buckets and blob containers; existing ones are kept), then closes it.
     */
    static int tablesCreate(List<String> args, PrintStream out) {
        Args a = Args.of(after(args, "create", "tables takes one sub-command: create FILE"), Set.of(), Set.of(), 1);
        if (a.positional().isEmpty()) {
            throw new UsageException("tables create needs the config file");
        }
        ServiceConfig config = ConfigFile.read(Path.of(a.positional().getFirst()));
        BackendCatalog catalog = BackendTypes.catalog(Clock.systemUTC());
        for (Route route : RouteDefaults.complete(config).allRoutes()) {
            String create = CREATES.get(route.backendType());
            if (create == null) {
                out.println(route.describe() + ": " + (route.backendType().equals("firestore")
                        ? "Firestore makes collections on first write; deploy the indexes of docs/firestore.indexes.json"
                        + " (firebase deploy --only firestore:indexes)" : "made on first start, under data_dir"));
                continue;
            }
            Map<String, String> c = new HashMap<>(route.config());
            c.put(create, "true");
            try (Backend backend = catalog.create(new Route(route.resourceKind(), route.backendType(), c))) {
                backend.probe();
            } catch (Exception e) {
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e);
            }
            out.println(route.describe() + ": ready (" + create + ")");
        }
        return 0;
    }

    /** export: a tenant's events in [from, to) in (timestamp, id) order, one per line, paging through the store. */
    static int export(List<String> args, PrintStream out, PrintStream err) {
        Args a = Args.of(args, Set.of("--config", "--tenant", "--from", "--to", "--format", "--project"), Set.of(), 0);
        ServiceConfig config = ConfigFile.read(Path.of(a.required("--config")));
        String tenantId = a.required("--tenant");
        TenantConfig tenant = config.tenants().stream().filter(t -> t.tenantId().equals(tenantId)).findFirst()
                .orElseThrow(() -> new UsageException("tenant " + tenantId + " is not in " + a.required("--config")));
        Instant from = instant("--from", a.required("--from"));
        Instant to = instant("--to", a.required("--to"));
        String format = Optional.ofNullable(a.value("--format")).orElse("jsonl");
        if (!format.equals("jsonl") && !format.equals("csv")) {
            throw new UsageException("--format is jsonl or csv");
        }
        String project = a.value("--project");
        ProjectScope scope = project == null || project.equals("*") ? ProjectScope.ALL : ProjectScope.of(project);
        RequestContext ctx = new RequestContext(tenant.tenantId(), tenant.mode(), config.env(), tenant.projectId(),
                null, "export");
        // no data_dir lock and no journal: an export reads beside a running service
        try (Northstar northstar = Northstar.embedded(RouteDefaults.complete(config), config.tenantIds(),
                Clock.systemUTC())) {
            if (format.equals("csv")) {
                out.println(String.join(",", CSV_COLUMNS));
            }
            long count = 0;
            long lastProgress = System.nanoTime();
            PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
            while (true) {
                Page<AnalyticsRecord> p = northstar.useCases().analytics().query(ctx, scope,
                        new AnalyticsQuery(from, to, Optional.empty(), Optional.empty(), page));
                for (AnalyticsRecord r : p.items()) {
                    out.println(format.equals("csv") ? csv(r) : JSON.writeValueAsString(AnalyticsDocuments.toDocument(r)));
                }
                count += p.items().size();
                if (System.nanoTime() - lastProgress > Duration.ofSeconds(2).toNanos()) {
                    err.println("export: " + count + " events so far");
                    lastProgress = System.nanoTime();
                }
                if (p.nextCursor().isEmpty()) {
                    break;
                }
                page = page.next(p.nextCursor().get());
            }
            out.flush();
            err.println("export: " + count + " events of tenant " + tenantId + " (" + scope + ") in [" + from + ", "
                    + to + ")");
            return out.checkError() ? 1 : 0;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * rollups rebuild: recounts the report counters of every hour and day bucket [from, to) touches,
     * whole, from the stored events (after a machine crash, or for events stored before rollups). It
     * replaces those counters: run it for hours no instance is counting into at that moment.
     */
    static int rollupsRebuild(List<String> args, PrintStream out) {
        if (args.isEmpty() || !args.getFirst().equals("rebuild")) {
            throw new UsageException("rollups takes rebuild");
        }
        Args a = Args.of(args.subList(1, args.size()), Set.of("--config", "--tenant", "--from", "--to"), Set.of(), 0);
        ServiceConfig config = ConfigFile.read(Path.of(a.required("--config")));
        String tenantId = a.required("--tenant");
        TenantConfig tenant = config.tenants().stream().filter(t -> t.tenantId().equals(tenantId)).findFirst()
                .orElseThrow(() -> new UsageException("tenant " + tenantId + " is not in " + a.required("--config")));
        Instant from = instant("--from", a.required("--from"));
        Instant to = instant("--to", a.required("--to"));
        if (!from.isBefore(to)) {
            throw new UsageException("--to must be after --from");
        }
        RequestContext ctx = new RequestContext(tenant.tenantId(), tenant.mode(), config.env(), tenant.projectId(),
                null, "rollups-rebuild");
        try (Northstar northstar = Northstar.embedded(RouteDefaults.complete(config), config.tenantIds(),
                Clock.systemUTC())) {
            long events = northstar.useCases().insight().rollups().rebuild(ctx, from, to);
            out.println("rollups: recounted " + events + " events of tenant " + tenantId + " in the hours and days of ["
                    + from + ", " + to + ")");
        }
        return 0;
    }

    private static Instant instant(String option, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " must be an ISO-8601 instant such as 2026-03-01T00:00:00Z");
        }
    }

    static final List<String> CSV_COLUMNS = List.of("analytics_id", "tenant_id", "mode", "project_id", "app", "surface",
            "platform", "session_id", "request_id", "run_id", "step_id", "utm_source", "utm_medium", "utm_campaign",
            "utm_content", "utm_term", "status", "error_message", "timestamp", "created_at", "usage", "payload");

    /** One RFC 4180 line: documents (usage, payload) as JSON text in their cell. */
    static String csv(AnalyticsRecord r) throws com.fasterxml.jackson.core.JsonProcessingException {
        Map<String, Object> d = AnalyticsDocuments.toDocument(r);
        StringBuilder line = new StringBuilder();
        for (String column : CSV_COLUMNS) {
            if (!line.isEmpty()) {
                line.append(',');
            }
            Object v = d.get(column);
            String cell = v == null ? "" : v instanceof String s ? s : JSON.writeValueAsString(v);
            boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                    || cell.indexOf('\r') >= 0;
            line.append(quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell);
        }
        return line.toString();
    }
}
