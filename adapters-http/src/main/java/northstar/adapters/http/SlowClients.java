package northstar.adapters.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * Closes the connections of clients that send too slowly to be anything but an attack, so that a
 * few hundred of them cannot hold the connections, threads and buffers everybody else needs.
 *
 * <ul>
 * <li><b>Headers</b>: a request's line and headers must arrive within the header timeout of their
 * first byte (of the connection's opening, for its first request). A client that drips a header
 * byte every few seconds never trips the idle timeout; this closes it.</li>
 * <li><b>Bodies</b>: an upload or a JSON body must keep up the minimum rate over every window (a
 * client may pause, but not for long: fewer bytes than rate x window in any window closes it), and
 * a JSON body must arrive whole within the request deadline, counted from the request's start.</li>
 * </ul>
 *
 * One scheduler thread sweeps every connection four times a second; it reads counters the
 * connections keep anyway (bytes in) and what the wrapping handler marks (a request in progress).
 * A body cut short surfaces to its handler as {@link TooSlow}: 408, and the connection is closed.
 */
final class SlowClients extends Handler.Wrapper implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SlowClients.class.getName());
    private static final long SWEEP_MILLIS = 250;

    /** A body that was cut off for arriving too slowly: the request fails with 408. */
    static final class TooSlow extends StoreException {
        TooSlow(String detail) {
            super(ErrorCode.INVALID_ARGUMENT, detail);
        }
    }

    /** What the sweep knows of one connection. */
    private static final class Link {
        final long openedNanos;
        volatile boolean busy;
        volatile long requests;
        /** Bytes the connection had read when its last request ended: more means a new request's head is arriving. */
        volatile long idleBytes;
        /** When the sweep first saw bytes of a request head that has not yet reached the handler; 0: none. */
        volatile long headSince;

        Link(long openedNanos) {
            this.openedNanos = openedNanos;
        }
    }

    /**
     * One body being read: its connection, its count, and the time spent waiting for it inside
     * read (the rate is the client's: time the handler spends elsewhere, a backend call between two
     * parts of an upload, does not count against it).
     */
    private static final class Watch {
        final EndPoint endPoint;
        final boolean bounded;
        final long deadlineNanos;
        final AtomicLong bytes = new AtomicLong();
        volatile long waited;
        /** When the read in progress began; 0: none. */
        volatile long readingSince;
        long windowStartWaited;
        long windowBytes;
        volatile String cut;

        Watch(EndPoint endPoint, boolean bounded, long deadlineNanos) {
            this.endPoint = endPoint;
            this.bounded = bounded;
            this.deadlineNanos = deadlineNanos;
        }

        void entered(long now) {
            readingSince = now == 0 ? 1 : now;
        }

        void left(long now) {
            waited += now - readingSince;
            readingSince = 0;
        }

        long waited(long now) {
            long since = readingSince;
            return waited + (since == 0 ? 0 : now - since);
        }
    }

    private final long headerTimeoutNanos;
    private final long minBytesPerSecond;
    private final long windowNanos;
    /** System.nanoTime(), the clock of Jetty's request timestamps. */
    private final LongSupplier clock;
    private final Map<Connection, Link> links = new ConcurrentHashMap<>();
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("northstar-slow-clients").daemon(true).factory());
    private volatile Server server;

    SlowClients(Duration headerTimeout, long minBytesPerSecond, Duration window) {
        this.headerTimeoutNanos = headerTimeout.toNanos();
        this.minBytesPerSecond = minBytesPerSecond;
        this.windowNanos = window.toNanos();
        this.clock = System::nanoTime;
    }

    /** Wraps the server's handler and starts sweeping its connectors. */
    void install(Server server) {
        this.server = server;
        setHandler(server.getHandler());
        server.setHandler(this);
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Connection connection = request.getConnectionMetaData().getConnection();
        Link link = links.computeIfAbsent(connection, c -> new Link(clock.getAsLong()));
        link.busy = true;
        link.requests++;
        link.headSince = 0;
        Callback done = Callback.from(() -> {
            link.idleBytes = connection.getBytesIn();
            link.headSince = 0;
            link.busy = false;
        }, callback);
        if (super.handle(request, response, done)) {
            return true;
        }
        Response.writeError(request, response, done, 404);
        return true;
    }

    /**
     * The request body, watched: below the minimum rate, or not whole within the deadline counted
     * from the request's first byte (null: no deadline), its connection is closed and reading it
     * throws {@link TooSlow}.
     */
    InputStream watch(Context ctx, InputStream body, Duration within) {
        Request request = ServletContextRequest.getServletContextRequest(ctx.req());
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        Watch w = new Watch(endPoint, within != null,
                within == null ? 0 : request.getBeginNanoTime() + within.toNanos());
        watches.add(w);
        return new BodyFilter(body) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n;
                w.entered(clock.getAsLong());
                try {
                    n = super.read(b, off, len);
                } catch (IOException e) {
                    if (w.cut != null) {
                        throw new TooSlow(w.cut);
                    }
                    throw e;
                } finally {
                    w.left(clock.getAsLong());
                }
                if (w.cut != null) {
                    throw new TooSlow(w.cut);
                }
                if (n < 0) {
                    watches.remove(w);
                } else {
                    w.bytes.addAndGet(n);
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                watches.remove(w);
                super.close();
            }
        };
    }

    private void sweep() {
        try {
            long now = clock.getAsLong();
            sweepHeads(now);
            sweepBodies(now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the slow-client sweep failed; it runs again", e);
        }
    }

    private void sweepHeads(long now) {
        Server s = server;
        if (s == null) {
            return;
        }
        Set<Connection> open = new HashSet<>();
        for (Connector connector : s.getConnectors()) {
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                Connection c = endPoint.getConnection();
                if (c == null) {
                    continue;
                }
                open.add(c);
                Link link = links.computeIfAbsent(c, x -> new Link(now - TimeUnit.MILLISECONDS.toNanos(
                        Math.max(0, System.currentTimeMillis() - endPoint.getCreatedTimeStamp()))));
                if (link.busy) {
                    continue;
                }
                long since;
                if (link.requests == 0) {
                    since = link.openedNanos; // a new connection owes its first request's head from its opening
                } else if (c.getBytesIn() > link.idleBytes) {
                    if (link.headSince == 0) {
                        link.headSince = now;
                    }
                    since = link.headSince;
                } else {
                    continue; // idle between requests: the idle timeout's business
                }
                if (now - since > headerTimeoutNanos) {
                    links.remove(c);
                    endPoint.close(new TimeoutException("request head not received within "
                            + Duration.ofNanos(headerTimeoutNanos).toMillis() + " ms"));
                }
            }
        }
        links.keySet().retainAll(open);
    }

    private void sweepBodies(long now) {
        for (Watch w : watches) {
            String why = null;
            if (w.bounded && now - w.deadlineNanos > 0) {
                why = "the request body did not arrive within the request deadline";
            } else if (minBytesPerSecond > 0) {
                long waited = w.waited(now);
                long span = waited - w.windowStartWaited;
                if (span >= windowNanos) {
                    long total = w.bytes.get();
                    long owed = minBytesPerSecond * span / 1_000_000_000L;
                    if (total - w.windowBytes < owed) {
                        why = "the request body arrived slower than " + minBytesPerSecond + " bytes/s";
                    } else {
                        w.windowStartWaited = waited;
                        w.windowBytes = total;
                    }
                }
            }
            if (why != null) {
                w.cut = why;
                watches.remove(w);
                w.endPoint.close(new TimeoutException(why));
            }
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
