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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;

/**
 * One SQLite database file shared by the analytics and tabular stores of a route: WAL journal and
 * synchronous=FULL, so a committed write survives power loss.
 *
 * <p>Writes are group-committed. One writer thread owns the write connection; callers hand it
 * their work and wait. It takes every write waiting (up to {@link #MAX_GROUP}), runs them in one
 * transaction, and commits once: one fsync acknowledges the whole group. A write that fails is
 * rolled back alone (see {@link #commitGroup}); the others commit. No caller is answered
 * before the commit that holds its write is durable, and if that commit fails, every caller in the
 * group gets the failure. Writes run one after another on one thread, so each is atomic against all
 * others (read-modify-write inside a work item needs no further locking).
 *
 * <p>Reads run concurrently with the writer on a small pool of read-only connections.
 */
public final class SqliteDatabase implements AutoCloseable {
    private static final int READERS = 4;
    private static final int MAX_GROUP = 512;
    private static final long READER_WAIT_SECONDS = 30;

    private final Path file;
    private final SqlConnection writer;
    private final BlockingQueue<SqlConnection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<SqlConnection> all = new ArrayList<>();
    private final BlockingQueue<Task<?>> writes = new LinkedBlockingQueue<>();
    private final Thread writerThread;
    private volatile boolean closed;

    private static final class Task<T> {
        final String operation;
        final SqlWork<T> work;
        final CompletableFuture<T> done = new CompletableFuture<>();
        T value;
        Throwable failure;

        Task(String operation, SqlWork<T> work) {
            this.operation = operation;
            this.work = work;
        }

        void run(SqlConnection c) {
            try {
                value = work.run(c);
            } catch (SQLException | RuntimeException e) {
                failure = e;
            }
        }

        void complete() {
            if (failure == null) {
                done.complete(value);
            } else {
                done.completeExceptionally(failure);
            }
        }
    }

    private SqliteDatabase(Path file) throws SQLException {
        this.file = file;
        this.writer = connect(file, false);
        for (int i = 0; i < READERS; i++) {
            readers.add(connect(file, true));
        }
        this.writerThread = Thread.ofPlatform().name("sqlite-writer-" + file.getFileName()).daemon(true)
                .start(this::writeLoop);
    }

    public static SqliteDatabase open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new SqliteDatabase(file);
        } catch (IOException e) {
            throw new StoreException(ErrorCode.UNAVAILABLE, "sqlite", "cannot create the directory of " + file, false, e);
        } catch (SQLException e) {
            throw SqliteErrors.translate("open " + file, e);
        }
    }

    private SqlConnection connect(Path path, boolean readOnly) throws SQLException {
        SqlConnection c = new SqlConnection(DriverManager.getConnection("jdbc:sqlite:" + path.toAbsolutePath()));
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
        Task<T> task = new Task<>(operation, work);
        writes.add(task);
        if (closed && !writerThread.isAlive() && writes.remove(task)) {
            throw new StoreException(ErrorCode.UNAVAILABLE, "sqlite", "database " + file + " is closed", false, null);
        }
        try {
            return task.done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(ErrorCode.UNAVAILABLE, "sqlite", operation + " interrupted; it may still commit",
                    true, e);
        } catch (ExecutionException e) {
            throw unwrap(operation, e.getCause());
        }
    }

    private static RuntimeException unwrap(String operation, Throwable cause) {
        if (cause instanceof SQLException sql) {
            return SqliteErrors.translate(operation, sql);
        }
        if (cause instanceof RuntimeException r) {
            return r;
        }
        return new StoreException(ErrorCode.INTERNAL, "sqlite", operation + " failed", false, cause);
    }

    private void writeLoop() {
        List<Task<?>> group = new ArrayList<>(MAX_GROUP);
        while (!closed || !writes.isEmpty()) {
            try {
                Task<?> first = writes.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                writes.drainTo(group, MAX_GROUP - 1);
                commitGroup(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
            }
        }
    }

    /**
     * Commits a group in one transaction. Optimistically the group runs without savepoints (most
     * groups have no failing write); if any write fails, the transaction is rolled back and the group
     * runs again with a savepoint around each write, so the failure stays with its own caller. Work
     * items touch nothing but the database, so running one again is safe.
     */
    private void commitGroup(List<Task<?>> group) {
        try {
            boolean clean = runGroup(group, false);
            if (!clean) {
                writer.prepare("ROLLBACK").execute();
                group.forEach(t -> t.failure = null);
                runGroup(group, true);
            }
            writer.prepare("COMMIT").execute();
            group.forEach(Task::complete);
        } catch (SQLException | RuntimeException e) {
            try {
                writer.execute("ROLLBACK");
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            // nothing of this group is durable: every caller hears so, whatever its own work did
            for (Task<?> t : group) {
                t.done.completeExceptionally(e);
            }
        }
    }

    /** Runs the group in a new transaction; false when a write failed without savepoints to contain it. */
    private boolean runGroup(List<Task<?>> group, boolean savepoints) throws SQLException {
        writer.prepare("BEGIN IMMEDIATE").execute();
        for (Task<?> t : group) {
            if (savepoints) {
                writer.prepare("SAVEPOINT work").execute();
            }
            t.run(writer);
            if (t.failure != null && !savepoints) {
                return false;
            }
            if (savepoints) {
                if (t.failure != null) {
                    writer.prepare("ROLLBACK TO work").execute();
                }
                writer.prepare("RELEASE work").execute();
            }
        }
        return true;
    }

    /** Runs work on a read-only connection, concurrently with writes and other reads. */
    <T> T read(String operation, SqlWork<T> work) {
        requireOpen();
        SqlConnection c;
        try {
            c = readers.poll(READER_WAIT_SECONDS, TimeUnit.SECONDS);
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
        try {
            writerThread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Task<?> left; (left = writes.poll()) != null; ) {
            left.done.completeExceptionally(new StoreException(ErrorCode.UNAVAILABLE, "sqlite", "database " + file
                    + " closed before " + left.operation + " ran", true, null));
        }
        for (SqlConnection c : all) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing: every acknowledged write is already committed
            }
        }
    }
}
