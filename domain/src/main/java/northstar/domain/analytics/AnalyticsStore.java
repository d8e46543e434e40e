package northstar.domain.analytics;

import java.util.List;
import java.util.Optional;
import northstar.domain.Backend;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.ProjectScope;

/**
 * Outbound port: where analytics events live (resource kind analytics_store).
 *
 * <p>The contract, clause by clause (checked by the AnalyticsStoreContract kit):
 * <ol>
 * <li><b>Ingest is create-if-absent.</b> {@link #ingest} stores each record whose (tenant_id,
 * analytics_id) is not stored yet and returns {@link IngestResult.Stored}; for one that is, it
 * changes nothing and returns {@link IngestResult.Existing} with the stored record. Results come in
 * the order of the input. Two records with the same id in one call: the first wins, the second is
 * Existing.</li>
 * <li><b>Durable on return.</b> When ingest returns, every Stored record survives a crash. If it
 * throws, any subset may have been stored: callers retry with the same ids, which is safe.</li>
 * <li><b>Concurrent ingests of one id</b> store it exactly once: one caller sees Stored, the
 * others Existing.</li>
 * <li><b>Tenant isolation.</b> Every read names a tenant and returns only that tenant's records;
 * the same analytics_id may exist in two tenants as two independent records.</li>
 * <li><b>Project scope.</b> Range and run queries name a {@link ProjectScope}: one project returns
 * that project's records only (and a cursor of one project reveals nothing of another), served by
 * an index of the project, never by reading the tenant's other projects; {@link ProjectScope#ALL}
 * returns the records of every project of the tenant in the same order. An analytics_id is unique
 * in its tenant, whatever the project: {@link #get} finds it by tenant and id, and the caller checks
 * its project.</li>
 * <li><b>Range query</b> returns records with start &lt;= timestamp &lt; end, matching the app and
 * platform filters when given, ordered by (timestamp, analytics_id), at most page.limit per page,
 * with a next cursor while more remain. Following cursors yields every match exactly once. Served
 * by an index; never a scan of other tenants' data.</li>
 * <li><b>Query by run</b> returns the run's records ordered by (step sort key of
 * {@link StepOrder}, timestamp, analytics_id), paged the same way.</li>
 * <li><b>Round trip.</b> A read returns records equal to those stored (timestamps to the
 * microsecond, payload documents normalised as by {@link northstar.domain.DocumentValues}).</li>
 * <li><b>Errors.</b> A malformed cursor is INVALID_ARGUMENT; an unreachable backend is
 * UNAVAILABLE; never an SDK exception.</li>
 * </ol>
 */
public interface AnalyticsStore extends Backend {
    /** Maximum records in one {@link #ingest} call, held by {@link EventBatch}. */
    int MAX_BATCH = 500;

    /** Stores a batch, with one result per record in input order (the batch is already bounded). */
    List<IngestResult> ingest(EventBatch<AnalyticsRecord> batch);

    /** {@link #ingest(EventBatch)} of these records, which must make a batch. */
    default List<IngestResult> ingest(List<AnalyticsRecord> records) {
        return ingest(EventBatch.of(records));
    }

    Optional<AnalyticsRecord> get(String tenantId, String analyticsId);

    Page<AnalyticsRecord> query(String tenantId, ProjectScope projects, AnalyticsQuery query);

    Page<AnalyticsRecord> queryByRun(String tenantId, ProjectScope projects, String runId, PageRequest page);
}
