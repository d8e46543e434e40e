package northstar.adapters.persistence.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import northstar.adapters.persistence.document.AnalyticsDocuments;
import northstar.domain.Cursors;
import northstar.adapters.persistence.document.JsonDocuments;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.ProjectScope;
import northstar.domain.StoreException;
import northstar.domain.analytics.AnalyticsQuery;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.analytics.EventBatch;
import northstar.domain.analytics.IngestResult;

/**
 * The embedded AnalyticsStore: one row per event, the record as JSON, and the columns the queries
 * need, each query served by an index: (tenant, ts, id) for ranges, (tenant, app|platform, ts, id)
 * for filtered ranges, (tenant, run, step key, ts, id) for runs. A batch is one transaction: one
 * fsync for all its events.
 */
public final class SqliteAnalyticsStore implements AnalyticsStore {
    static final String RANGE = "r1";
    private static final String RUN = "u1";

    private final SqliteDatabase db;
    private final Runnable onClose;

    public SqliteAnalyticsStore(SqliteDatabase db, Runnable onClose) {
        this.db = db;
        this.onClose = onClose;
        db.migrate("""
                CREATE TABLE IF NOT EXISTS analytics_events (
                  tenant_id TEXT NOT NULL,
                  analytics_id TEXT NOT NULL,
                  ts INTEGER NOT NULL,
                  app TEXT NOT NULL,
                  platform TEXT NOT NULL,
                  run_id TEXT,
                  step_key TEXT,
                  record TEXT NOT NULL,
                  PRIMARY KEY (tenant_id, analytics_id)
                ) WITHOUT ROWID""");
        addProjectColumn(db);
        db.migrate(
                // the tenant-wide indexes of before projects were part of the scope
                "DROP INDEX IF EXISTS analytics_by_app",
                "DROP INDEX IF EXISTS analytics_by_platform",
                // one project's events (what every caller reads)
                "CREATE INDEX IF NOT EXISTS analytics_by_project_time ON analytics_events (tenant_id, project_id, ts, analytics_id)",
                "CREATE INDEX IF NOT EXISTS analytics_by_project_app"
                        + " ON analytics_events (tenant_id, project_id, app, ts, analytics_id)",
                "CREATE INDEX IF NOT EXISTS analytics_by_project_platform"
                        + " ON analytics_events (tenant_id, project_id, platform, ts, analytics_id)",
                // all projects of a tenant (an admin's project=*): app and platform filter its rows
                "CREATE INDEX IF NOT EXISTS analytics_by_time ON analytics_events (tenant_id, ts, analytics_id)",
                // a run's few events: the project filters them
                """
                CREATE INDEX IF NOT EXISTS analytics_by_run ON analytics_events (tenant_id, run_id, step_key, ts, analytics_id)
                  WHERE run_id IS NOT NULL""");
    }

    /** Databases made before projects were part of the scope: the column, filled from each record. */
    private static void addProjectColumn(SqliteDatabase db) {
        db.write("migrate", c -> {
            boolean present = false;
            try (var rs = c.raw().createStatement().executeQuery("SELECT name FROM pragma_table_info('analytics_events')")) {
                while (rs.next()) {
                    present |= "project_id".equals(rs.getString(1));
                }
            }
            if (!present) {
                c.execute("ALTER TABLE analytics_events ADD COLUMN project_id TEXT NOT NULL DEFAULT ''");
                c.execute("UPDATE analytics_events SET project_id = json_extract(record, '$.project_id')");
            }
            return null;
        });
    }

    @Override
    public String backendType() {
        return "sqlite";
    }

    /** Local disk, like the filesystem object store: lab tenants only, never saas or enterprise ones. */
    @Override
    public boolean labOnly() {
        return true;
    }

    /** Its only waits are the group commit's and a free reader's, both bounded by the caller's deadline. */
    @Override
    public boolean waitsWithinCallerDeadline() {
        return true;
    }

    @Override
    public List<IngestResult> ingest(EventBatch<AnalyticsRecord> batch) {
        List<AnalyticsRecord> records = batch.events();
        // serialise here, on the caller's thread: the writer thread does nothing but SQLite
        List<String> documents = records.stream().map(r -> JsonDocuments.write(AnalyticsDocuments.toDocument(r))).toList();
        return db.write("ingest", c -> {
            List<IngestResult> results = new ArrayList<>(records.size());
            PreparedStatement insert = c.prepare("""
                    INSERT INTO analytics_events (tenant_id, analytics_id, ts, app, platform, run_id, step_key, record,
                      project_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""");
            for (int i = 0; i < records.size(); i++) {
                AnalyticsRecord r = records.get(i);
                insert.setString(1, r.tenantId());
                insert.setString(2, r.analyticsId());
                insert.setLong(3, AnalyticsRecord.epochMicros(r.timestamp()));
                insert.setString(4, r.dimensions().app());
                insert.setString(5, r.dimensions().platform().wireName());
                insert.setString(6, r.dimensions().runId());
                insert.setString(7, r.dimensions().runId() == null ? null : r.stepSortKey());
                insert.setString(8, documents.get(i));
                insert.setString(9, r.projectId());
                if (insert.executeUpdate() == 1) {
                    results.add(new IngestResult.Stored(r));
                } else {
                    results.add(new IngestResult.Existing(find(c, r.tenantId(), r.analyticsId()).orElseThrow()));
                }
            }
            return results;
        });
    }

    @Override
    public Optional<AnalyticsRecord> get(String tenantId, String analyticsId) {
        return db.read("get event", c -> find(c, tenantId, analyticsId));
    }

    private static Optional<AnalyticsRecord> find(SqlConnection c, String tenantId, String analyticsId) throws SQLException {
        PreparedStatement q = c.prepare(
                "SELECT record FROM analytics_events WHERE tenant_id = ? AND analytics_id = ?");
        q.setString(1, tenantId);
        q.setString(2, analyticsId);
        try (ResultSet rs = q.executeQuery()) {
            return rs.next() ? Optional.of(decode(rs.getString(1))) : Optional.empty();
        }
    }

    @Override
    public Page<AnalyticsRecord> query(String tenantId, ProjectScope projects, AnalyticsQuery query) {
        long afterTs = Long.MIN_VALUE;
        String afterId = "";
        if (query.page().cursor() != null) {
            List<String> pos = Cursors.decode(RANGE, query.page().cursor(), 2);
            afterTs = parseLong(pos.get(0));
            afterId = pos.get(1);
        }
        long startTs = AnalyticsRecord.epochMicros(query.start());
        // a cursor before the range's start puts every row of the range after it
        boolean fromCursor = afterTs >= startTs;
        String sql = rangeSql(!projects.isAll(), query.app().isPresent(), query.platform().isPresent(), fromCursor);
        long fromTs = afterTs;
        String fromId = afterId;
        int limit = query.page().limit();
        return db.read("query events", c -> {
            PreparedStatement q = c.prepare(sql);
            int i = 1;
            q.setString(i++, tenantId);
            if (!projects.isAll()) {
                q.setString(i++, projects.projectId());
            }
            if (query.app().isPresent()) {
                q.setString(i++, query.app().get());
            }
            if (query.platform().isPresent()) {
                q.setString(i++, query.platform().get().wireName());
            }
            if (fromCursor) {
                q.setLong(i++, fromTs);
                q.setString(i++, fromId);
            } else {
                q.setLong(i++, startTs);
            }
            q.setLong(i++, AnalyticsRecord.epochMicros(query.end()));
            q.setInt(i, limit + 1);
            return page(q, query.page(), rs -> Cursors.encode(RANGE, Long.toString(rs.getLong(2)), rs.getString(3)));
        });
    }

    /**
     * The range query's statement, with one lower bound: the cursor's position when it lies in the
     * range, else the range's start. Given both, SQLite seeks the index to the start and filters its
     * way to the cursor, so that a page costs every row before it (one 900,000 events into a range took
     * 1.2 s, the first 6 ms); given the row value alone, the seek starts at the cursor.
     */
    static String rangeSql(boolean oneProject, boolean app, boolean platform, boolean fromCursor) {
        return "SELECT record, ts, analytics_id FROM analytics_events WHERE tenant_id = ?"
                + (oneProject ? " AND project_id = ?" : "")
                + (app ? " AND app = ?" : "")
                + (platform ? " AND platform = ?" : "")
                + (fromCursor ? " AND (ts, analytics_id) > (?, ?)" : " AND ts >= ?")
                + " AND ts < ? ORDER BY ts, analytics_id LIMIT ?";
    }

    @Override
    public Page<AnalyticsRecord> queryByRun(String tenantId, ProjectScope projects, String runId, PageRequest page) {
        String afterStep = "";
        long afterTs = Long.MIN_VALUE;
        String afterId = "";
        if (page.cursor() != null) {
            List<String> pos = Cursors.decode(RUN, page.cursor(), 3);
            afterStep = pos.get(0);
            afterTs = parseLong(pos.get(1));
            afterId = pos.get(2);
        }
        String step = afterStep;
        long ts = afterTs;
        String id = afterId;
        return db.read("query run", c -> {
            PreparedStatement q = c.prepare("""
                    SELECT record, step_key, ts, analytics_id FROM analytics_events
                    WHERE tenant_id = ? AND run_id = ? AND (? IS NULL OR project_id = ?)
                      AND (step_key, ts, analytics_id) > (?, ?, ?)
                    ORDER BY step_key, ts, analytics_id LIMIT ?""");
            q.setString(1, tenantId);
            q.setString(2, runId);
            q.setString(3, projects.projectId());
            q.setString(4, projects.projectId());
            q.setString(5, step);
            q.setLong(6, ts);
            q.setString(7, id);
            q.setInt(8, page.limit() + 1);
            return page(q, page,
                    rs -> Cursors.encode(RUN, rs.getString(2), Long.toString(rs.getLong(3)), rs.getString(4)));
        });
    }

    private interface CursorOf {
        String at(ResultSet rs) throws SQLException;
    }

    /** Rows as they come, until the page is full by count or by bytes (then its cursor is the last row's). */
    private static Page<AnalyticsRecord> page(PreparedStatement q, PageRequest page, CursorOf cursorOf) throws SQLException {
        List<AnalyticsRecord> items = new ArrayList<>(Math.min(page.limit(), 1024));
        String next = null;
        long bytes = 0;
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                String json = rs.getString(1);
                if (!page.fits(items.size(), bytes, json.length())) {
                    return new Page<>(items, Optional.of(next));
                }
                bytes += json.length();
                items.add(decode(json));
                next = cursorOf.at(rs);
            }
        }
        return Page.last(items);
    }

    private static AnalyticsRecord decode(String json) {
        return AnalyticsDocuments.fromDocument(JsonDocuments.read(json));
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw StoreException.invalid("cursor", "is malformed");
        }
    }

    @Override
    public void probe() {
        db.probe();
    }

    @Override
    public void close() {
        onClose.run();
    }
}
