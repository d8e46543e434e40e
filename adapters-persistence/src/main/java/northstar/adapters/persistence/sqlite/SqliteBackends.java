package northstar.adapters.persistence.sqlite;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import northstar.domain.routing.Route;

/**
 * Builds the sqlite adapters of routes. Routes naming the same database file (config.path) share
 * one {@link SqliteDatabase}: the analytics and tabular stores of the embedded default live in one
 * file. The database closes when the last adapter on it closes.
 */
public final class SqliteBackends {
    public static final String TYPE = "sqlite";

    private final Map<Path, SqliteDatabase> open = new HashMap<>();
    private final Map<Path, Integer> users = new HashMap<>();
    private final northstar.domain.Telemetry telemetry;

    public SqliteBackends() {
        this(northstar.domain.Telemetry.NONE);
    }

    /** @param telemetry where the databases report their group commits */
    public SqliteBackends(northstar.domain.Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    public synchronized SqliteAnalyticsStore analytics(Route route) {
        Path path = path(route);
        return new SqliteAnalyticsStore(acquire(path), () -> release(path));
    }

    public synchronized SqliteTabularStore tabular(Route route) {
        Path path = path(route);
        return new SqliteTabularStore(acquire(path), () -> release(path));
    }

    private static Path path(Route route) {
        return SqliteSettings.parse(route).path();
    }

    private SqliteDatabase acquire(Path path) {
        SqliteDatabase db = open.computeIfAbsent(path, p -> SqliteDatabase.open(p, telemetry));
        users.merge(path, 1, Integer::sum);
        return db;
    }

    private synchronized void release(Path path) {
        Integer left = users.computeIfPresent(path, (p, n) -> n == 1 ? null : n - 1);
        if (left == null) {
            SqliteDatabase db = open.remove(path);
            if (db != null) {
                db.close();
            }
        }
    }
}
