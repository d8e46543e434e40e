package northstar.adapters.persistence.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import northstar.domain.CallerDeadline;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;

/**
 * One SQLite database file shared by the analytics and tabular stores of a route: WAL journal and
 * synchronous=FULL, so a committed write survives power loss. Writes are group-committed by a
 * {@link GroupCommitWriter} on the one write connection; reads run concurrently with it on a small
 * pool of read-only connections.
 */
public final class SqliteDatabase implements AutoCloseable {
    private static final int READERS = 4;
    private static final long READER_WAIT_SECONDS = 30;

    private final Path file;
    private final BlockingQueue<SqlConnection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<SqlConnection> all = new ArrayList<>();
    private final GroupCommitWriter writer;
    private volatile boolean closed;

    private SqliteDatabase(Path file, northstar.domain.Telemetry telemetry) throws SQLException {
        this.file = file;
        SqlConnection write = connect(file, false);
        for (int i = 0; i < READERS; i++) {
            readers.add(connect(file, true));
        }
        this.writer = new GroupCommitWriter(write, file.getFileName().toString(), telemetry);
    }

    private static final java.nio.file.attribute.FileAttribute<?> PRIVATE_DIR = java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    private static final java.nio.file.attribute.FileAttribute<?> PRIVATE_FILE = java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    public static SqliteDatabase open(Path file) {
        return open(file, northstar.domain.Telemetry.NONE);
    }

    /** @param telemetry where each group commit's size and sync time are reported */
    public static SqliteDatabase open(Path file, northstar.domain.Telemetry telemetry) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent, PRIVATE_DIR);
            }
            if (!Files.exists(file)) {
                // private from the first byte: SQLite gives its -wal and -shm files the database's mode
                try {
                    Files.createFile(file, PRIVATE_FILE);
                } catch (java.nio.file.FileAlreadyExistsException createdMeanwhile) {
                    // another opener made it
                }
            }
            return new SqliteDatabase(file, telemetry);
        } catch (IOException e) {
            throw new StoreException(ErrorCode.UNAVAILABLE, "sqlite", "cannot create the directory of " + file, false, e);
        } catch (SQLException e) {
            throw SqliteErrors.translate("open " + file, e);
        }
    }

    private SqlConnection connect(Path path, boolean readOnly) throws SQLException {
        java.util.Properties options = new java.util.Properties();
        // sqlite-jdbc otherwise prepares and runs "SELECT last_insert_rowid()" after every INSERT, for
        // Statement.getGeneratedKeys, which nothing here calls: 11% of the writer thread's CPU at 64
        // ingest clients (JDK 25 CPU-time samples, docs/BENCHMARKS.md)
        options.setProperty("jdbc.get_generated_keys", "false");
        SqlConnection c = new SqlConnection(DriverManager.getConnection("jdbc:sqlite:" + path.toAbsolutePath(), options));
        all.add(c);
        c.execute("PRAGMA busy_timeout = 10000");
        if (readOnly) {
            c.execute("PRAGMA query_only = 1");
        } else {
            c.execute("PRAGMA journal_mode = WAL");
            c.execute("PRAGMA synchronous = FULL");
            // checkpoint the WAL into the database every ~64 MiB instead of every 4 MiB: fewer
            // checkpoints on the writer thread, each still fsynced; 64 MiB of page cache for the indexes
            c.execute("PRAGMA wal_autocheckpoint = 16384");
            c.execute("PRAGMA cache_size = -65536");
        }
        return c;
    }

    public Path file() {
        return file;
    }

    /** Runs work in a write transaction, durable when this returns; its failure rolls back its work only. */
    <T> T write(String operation, SqlWork<T> work) {
        requireOpen();
        return writer.write(operation, work);
    }

    /**
     * Runs work on a read-only connection, concurrently with writes and other reads; the wait for a
     * free connection ends at the deadline the caller carries, if it carries one.
     */
    <T> T read(String operation, SqlWork<T> work) {
        requireOpen();
        SqlConnection c = readers.poll();
        try {
            if (c == null) { // all busy: wait, at most until the caller's deadline
                long wait = Math.min(TimeUnit.SECONDS.toNanos(READER_WAIT_SECONDS), CallerDeadline.remainingNanos());
                c = readers.poll(wait, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(ErrorCode.UNAVAILABLE, "sqlite", operation + " interrupted", true, e);
        }
        if (c == null) {
            throw new StoreException(ErrorCode.UNAVAILABLE, "sqlite", operation + ": no reader free", true, null);
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw SqliteErrors.translate(operation, e);
        } finally {
            readers.add(c);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new StoreException(ErrorCode.UNAVAILABLE, "sqlite", "database " + file + " is closed", false, null);
        }
    }

    /** Executes DDL statements, in order, in one write transaction. */
    void migrate(String... statements) {
        write("migrate", c -> {
            for (String sql : statements) {
                c.execute(sql);
            }
            return null;
        });
    }

    /** A trivial read: the readiness probe. */
    void probe() {
        read("probe", c -> {
            c.execute("SELECT 1");
            return null;
        });
    }

    /** Commits what is queued, stops the writer, then closes every connection. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.stop();
        for (SqlConnection c : all) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing: every acknowledged write is already committed
            }
        }
    }
}
