package northstar.adapters.persistence.cosmos;

import com.azure.core.credential.TokenCredential;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CompositePath;
import com.azure.cosmos.models.CompositePathSortOrder;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.IndexingPolicy;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import northstar.adapters.persistence.document.AnalyticsDocuments;
import northstar.adapters.persistence.document.IngestBatches;
import northstar.domain.Cursors;
import northstar.domain.ErrorCode;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.ProjectScope;
import northstar.domain.StoreException;
import northstar.domain.analytics.AnalyticsQuery;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.analytics.EventBatch;
import northstar.domain.analytics.IngestResult;
import northstar.domain.routing.Route;

/**
 * The AnalyticsStore on one Cosmos DB container (config.container, partition key {@code /tenant_id}
 * as in the design). An event is one document: the design's snake_case fields, {@code id} = the
 * analytics_id, {@code ts} = the timestamp in epoch microseconds (a number: exact below 2^53, ordered),
 * {@code step_key} = the run's step sort key, and {@code ttl} (seconds) when config.ttl_days is set.
 *
 * <ul>
 * <li>Ingest is a create per event (409 = already there: the stored one is read back), run
 * concurrently up to config.ingest_concurrency (default 32).</li>
 * <li>Range query: {@code WHERE tenant_id = @tenant [AND project_id = @project] AND ts >= @lo AND ts < @hi
 * [AND app = @app] [AND platform = @platform] ORDER BY [project_id,] [app,] [platform,] ts, id}; run
 * query: {@code WHERE tenant_id = @tenant AND run_id = @run [AND project_id = @project] ORDER BY run_id,
 * [project_id,] step_key, ts, id}; the project is left out only for all projects (an admin's project=*). Both stay in the tenant's partition, are
 * parameterized, are served by the composite indexes of {@link #schema()} (docs/AZURE.md) and page
 * by Cosmos continuation tokens.</li>
 * </ul>
 */
public final class CosmosAnalyticsStore implements AnalyticsStore {
    /** The first service page of a query: few, since nothing says yet what an event weighs. */
    private static final int FIRST_PAGE = 4;
    public static final String TYPE = "cosmos";
    private static final String RANGE = "cq1";
    private static final String RUN = "cr1";

    private final CosmosClients.Opened opened;
    private final CosmosContainer container;
    private final Long ttlSeconds;
    private final int concurrency;
    private final ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor();

    public CosmosAnalyticsStore(Route route) {
        this(route, null);
    }

    /** @param token the token credential config.credential names (built by bootstrap), or null */
    public CosmosAnalyticsStore(Route route, TokenCredential token) {
        this(CosmosSettings.parse(route), token, route.describe());
    }

    /** @param token the token credential settings name (built by bootstrap), or null */
    public CosmosAnalyticsStore(CosmosSettings settings, TokenCredential token, String route) {
        this.ttlSeconds = settings.ttlDays().map(d -> d * 86_400).orElse(null);
        this.concurrency = settings.ingestConcurrency();
        this.opened = CosmosClients.open(settings, schema(), token, route);
        this.container = opened.container();
    }

    /**
     * The container this store expects: partition key /tenant_id, time to live on (items carry their
     * own ttl; none expire without one), and the composite indexes the ORDER BY queries need.
     */
    public static CosmosContainerProperties schema() {
        CosmosContainerProperties p = new CosmosContainerProperties("analytics", "/tenant_id");
        p.setDefaultTimeToLiveInSeconds(-1);
        IndexingPolicy indexing = new IndexingPolicy();
        indexing.setCompositeIndexes(List.of(
                // one project's events: what every caller reads
                ascending("/project_id", "/ts", "/id"),
                ascending("/project_id", "/app", "/ts", "/id"),
                ascending("/project_id", "/platform", "/ts", "/id"),
                ascending("/project_id", "/app", "/platform", "/ts", "/id"),
                ascending("/run_id", "/project_id", "/step_key", "/ts", "/id"),
                // all projects of the tenant
                ascending("/ts", "/id"),
                ascending("/app", "/ts", "/id"),
                ascending("/platform", "/ts", "/id"),
                ascending("/app", "/platform", "/ts", "/id"),
                ascending("/run_id", "/step_key", "/ts", "/id")));
        p.setIndexingPolicy(indexing);
        return p;
    }

    private static List<CompositePath> ascending(String... paths) {
        return Arrays.stream(paths).map(path -> new CompositePath().setPath(path).setOrder(CompositePathSortOrder.ASCENDING))
                .toList();
    }

    @Override
    public String backendType() {
        return TYPE;
    }

    private Map<String, Object> document(AnalyticsRecord r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", r.analyticsId());
        d.putAll(AnalyticsDocuments.toDocument(r));
        d.put("ts", AnalyticsRecord.epochMicros(r.timestamp()));
        if (r.dimensions().runId() != null) {
            d.put("step_key", r.stepSortKey());
        }
        if (ttlSeconds != null) {
            d.put("ttl", ttlSeconds);
        }
        return d;
    }

    private static AnalyticsRecord record(Object item) {
        Map<String, Object> d = new HashMap<>(CosmosDocuments.toMap(item));
        d.remove("id");
        d.remove("ts");
        d.remove("step_key");
        d.remove("ttl");
        return AnalyticsDocuments.fromDocument(d);
    }

    @Override
    public List<IngestResult> ingest(EventBatch<AnalyticsRecord> batch) {
        List<AnalyticsRecord> records = batch.events();
        Semaphore permits = new Semaphore(concurrency);
        Map<Integer, Future<IngestResult>> creates = new LinkedHashMap<>();
        for (int i : IngestBatches.firsts(records)) {
            AnalyticsRecord r = records.get(i);
            creates.put(i, parallel.submit(() -> {
                permits.acquire();
                try {
                    return create(r);
                } finally {
                    permits.release();
                }
            }));
        }
        Map<Integer, IngestResult> byIndex = new HashMap<>();
        StoreException failure = null;
        for (var e : creates.entrySet()) {
            try {
                byIndex.put(e.getKey(), await(e.getValue()));
            } catch (StoreException ex) {
                failure = failure == null ? ex : failure; // wait for the others: none is left running
            }
        }
        if (failure != null) {
            throw failure;
        }
        return IngestBatches.inOrder(records, byIndex);
    }

    private IngestResult create(AnalyticsRecord r) {
        try {
            container.createItem(document(r), new PartitionKey(r.tenantId()),
                    new CosmosItemRequestOptions().setContentResponseOnWriteEnabled(false));
            return new IngestResult.Stored(r);
        } catch (CosmosException e) {
            if (e.getStatusCode() == 409) {
                return new IngestResult.Existing(get(r.tenantId(), r.analyticsId()).orElseThrow(() -> new StoreException(
                        ErrorCode.UNAVAILABLE, TYPE, "event " + r.analyticsId() + " exists and vanished", true, e)));
            }
            throw CosmosErrors.translate("ingest", e);
        }
    }

    private static IngestResult await(Future<IngestResult> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(ErrorCode.UNAVAILABLE, TYPE, "ingest interrupted", true, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r // create() translated the SDK's own failures
                    : new StoreException(ErrorCode.INTERNAL, TYPE, "ingest failed", false, e.getCause());
        }
    }

    @Override
    public Optional<AnalyticsRecord> get(String tenantId, String analyticsId) {
        try {
            return Optional.of(record(container.readItem(analyticsId, new PartitionKey(tenantId), ObjectNode.class)
                    .getItem()));
        } catch (CosmosException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw CosmosErrors.translate("get event", e);
        }
    }

    @Override
    public Page<AnalyticsRecord> query(String tenantId, ProjectScope projects, AnalyticsQuery q) {
        String token = q.page().cursor() == null ? null : Cursors.decode(RANGE, q.page().cursor(), 1).getFirst();
        if (!q.start().isBefore(q.end())) {
            return Page.last(List.of());
        }
        List<SqlParameter> params = new ArrayList<>(List.of(new SqlParameter("@tenant", tenantId),
                new SqlParameter("@lo", AnalyticsRecord.epochMicros(q.start())),
                new SqlParameter("@hi", AnalyticsRecord.epochMicros(q.end()))));
        StringBuilder sql = new StringBuilder("SELECT * FROM c WHERE c.tenant_id = @tenant AND c.ts >= @lo AND c.ts < @hi");
        // an equality filter leads its composite index, and so its ORDER BY too (one value: same order)
        StringBuilder order = new StringBuilder(" ORDER BY ");
        projects.project().ifPresent(p -> {
            sql.append(" AND c.project_id = @project");
            order.append("c.project_id ASC, ");
            params.add(new SqlParameter("@project", p));
        });
        q.app().ifPresent(a -> {
            sql.append(" AND c.app = @app");
            order.append("c.app ASC, ");
            params.add(new SqlParameter("@app", a));
        });
        q.platform().ifPresent(p -> {
            sql.append(" AND c.platform = @platform");
            order.append("c.platform ASC, ");
            params.add(new SqlParameter("@platform", p.wireName()));
        });
        sql.append(order).append("c.ts ASC, c.id ASC");
        return page(new SqlQuerySpec(sql.toString(), params), tenantId, token, q.page(), RANGE, "query events");
    }

    @Override
    public Page<AnalyticsRecord> queryByRun(String tenantId, ProjectScope projects, String runId, PageRequest page) {
        String token = page.cursor() == null ? null : Cursors.decode(RUN, page.cursor(), 1).getFirst();
        SqlQuerySpec spec = projects.isAll()
                ? new SqlQuerySpec("SELECT * FROM c WHERE c.tenant_id = @tenant AND c.run_id = @run"
                        + " ORDER BY c.run_id ASC, c.step_key ASC, c.ts ASC, c.id ASC",
                        List.of(new SqlParameter("@tenant", tenantId), new SqlParameter("@run", runId)))
                : new SqlQuerySpec("SELECT * FROM c WHERE c.tenant_id = @tenant AND c.run_id = @run"
                        + " AND c.project_id = @project"
                        + " ORDER BY c.run_id ASC, c.project_id ASC, c.step_key ASC, c.ts ASC, c.id ASC",
                        List.of(new SqlParameter("@tenant", tenantId), new SqlParameter("@run", runId),
                                new SqlParameter("@project", projects.projectId())));
        return page(spec, tenantId, token, page, RUN, "query run");
    }

    private Page<AnalyticsRecord> page(SqlQuerySpec spec, String tenantId, String token, PageRequest page, String kind,
                                       String operation) {
        try {
            CosmosPages.Result<ObjectNode> r = CosmosPages.collect(container, spec, tenantId, token, page.limit(),
                    page.maxBytes(), FIRST_PAGE);
            return new Page<>(r.items().stream().map(CosmosAnalyticsStore::record).toList(),
                    r.continuation().map(t -> Cursors.encode(kind, t)));
        } catch (CosmosException e) {
            throw CosmosErrors.translate(operation, e);
        }
    }

    @Override
    public void probe() {
        opened.probe();
    }

    @Override
    public void close() {
        parallel.shutdown();
        opened.client().close();
    }
}
