package northstar.adapters.persistence.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;

/**
 * One SQLite database file shared by the analytics and tabular stores of a route: WAL journal,
 * synchronous=FULL (a committed write survives power loss), one writer connection whose
 * transactions are serialised by a lock (SQLite allows one writer at a time anyway, and in-process
 * serialisation avoids SQLITE_BUSY), and a small pool of read-only connections that read
 * concurrently with the writer.
 */
public final class SqliteDatabase implements AutoCloseable {
    private static final int READERS = 4;
    private static final long READER_WAIT_SECONDS = 30;

    private final Path file;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> all = new ArrayList<>();
    private volatile boolean closed;

    private SqliteDatabase(Path file) throws SQLException {
        this.file = file;
        this.writer = connect(file, false);
        for (int i = 0; i < READERS; i++) {
            readers.add(connect(file, true));
        }
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

    private Connection connect(Path path, boolean readOnly) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + path.toAbsolutePath());
        all.add(c);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            if (readOnly) {
                s.execute("PRAGMA query_only = 1");
            } else {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = FULL");
            }
        }
        return c;
    }

    public Path file() {
        return file;
    }

    /** Runs work in one write transaction (BEGIN IMMEDIATE ... COMMIT), rolled back if it throws. */
    <T> T write(String operation, SqlWork<T> work) {
        writeLock.lock();
        try {
            requireOpen();
            try (Statement s = writer.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            try {
                T result = work.run(writer);
                try (Statement s = writer.createStatement()) {
                    s.execute("COMMIT");
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(e);
                throw e;
            }
        } catch (SQLException e) {
            throw SqliteErrors.translate(operation, e);
        } finally {
            writeLock.unlock();
        }
    }

    private void rollback(Exception cause) {
        try (Statement s = writer.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Runs work on a read-only connection, concurrently with writes and other reads. */
    <T> T read(String operation, SqlWork<T> work) {
        requireOpen();
        Connection c;
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
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
            return null;
        });
    }

    /** A trivial read: the readiness probe. */
    void probe() {
        read("probe", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT 1");
            }
            return null;
        });
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Connection c : all) {
                try {
                    c.close();
                } catch (SQLException e) {
                    // closing: nothing is lost by a failed close of a committed connection
                }
            }
        } finally {
            writeLock.unlock();
        }
    }
}
