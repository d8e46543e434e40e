package northstar.adapters.persistence.sqlite;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;

/**
 * Group commit on one SQLite write connection. One thread owns the connection; callers hand it
 * their work and wait. It takes every write waiting (up to {@link #MAX_GROUP}), runs them in one
 * transaction and commits once: one fsync acknowledges the whole group. A write that fails is rolled
 * back alone (see {@link #commitGroup}); the others commit. No caller is answered before the commit
 * that holds its write is durable, and if that commit fails, every caller of the group gets the
 * failure. Writes run one after another on one thread, so each is atomic against all others.
 */
final class GroupCommitWriter {
    private final northstar.domain.Telemetry telemetry;
    private static final int MAX_GROUP = 512;

    private final SqlConnection connection;
    private final String name;
    private final BlockingQueue<Task<?>> writes = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopping;

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

    GroupCommitWriter(SqlConnection connection, String name, northstar.domain.Telemetry telemetry) {
        this.connection = connection;
        this.name = name;
        this.telemetry = telemetry;
        this.thread = Thread.ofPlatform().name("sqlite-writer-" + name).daemon(true).start(this::loop);
    }

    /**
     * Runs work in a write transaction, durable when this returns; its failure rolls back its work
     * only. The wait ends at the deadline its caller carries ({@link northstar.domain.CallerDeadline}):
     * then the work stays queued and may still commit, and the caller hears a retryable UNAVAILABLE.
     */
    <T> T write(String operation, SqlWork<T> work) {
        Task<T> task = new Task<>(operation, work);
        writes.add(task);
        if (stopping && !thread.isAlive() && writes.remove(task)) {
            throw closed(operation);
        }
        try {
            return northstar.domain.CallerDeadline.await(task.done);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new StoreException(ErrorCode.UNAVAILABLE, "sqlite", operation + " did not commit within its caller's"
                    + " deadline; it may still commit", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(ErrorCode.UNAVAILABLE, "sqlite", operation + " interrupted; it may still commit",
                    true, e);
        } catch (ExecutionException e) {
            throw unwrap(operation, e.getCause());
        }
    }

    private StoreException closed(String operation) {
        return new StoreException(ErrorCode.UNAVAILABLE, "sqlite", "database " + name + " closed before " + operation
                + " ran", true, null);
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

    private void loop() {
        List<Task<?>> group = new ArrayList<>(MAX_GROUP);
        while (!stopping || !writes.isEmpty()) {
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
                connection.prepare("ROLLBACK").execute();
                group.forEach(t -> t.failure = null);
                runGroup(group, true);
            }
            long sync = System.nanoTime();
            connection.prepare("COMMIT").execute(); // synchronous=FULL: the commit is the fsync
            telemetry.storeCommit("sqlite", group.size(), System.nanoTime() - sync);
            group.forEach(Task::complete);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.execute("ROLLBACK");
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
        connection.prepare("BEGIN IMMEDIATE").execute();
        for (Task<?> t : group) {
            if (savepoints) {
                connection.prepare("SAVEPOINT work").execute();
            }
            t.run(connection);
            if (t.failure != null && !savepoints) {
                return false;
            }
            if (savepoints) {
                if (t.failure != null) {
                    connection.prepare("ROLLBACK TO work").execute();
                }
                connection.prepare("RELEASE work").execute();
            }
        }
        return true;
    }

    /** Commits what is queued, then stops; writes still arriving are refused as UNAVAILABLE. */
    void stop() {
        stopping = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Task<?> left; (left = writes.poll()) != null; ) {
            left.done.completeExceptionally(closed(left.operation));
        }
    }
}
