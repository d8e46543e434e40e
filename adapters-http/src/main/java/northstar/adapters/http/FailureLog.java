package northstar.adapters.http;

import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import northstar.domain.StoreException;

/**
 * How a failing backend is logged: one line per failed request with its code, backend and cause,
 * and the stack trace at most once per backend per interval, so a backend that refuses every
 * connection fills no disk and drowns no other line.
 */
final class FailureLog {
    static final long TRACE_INTERVAL_NANOS = 60_000_000_000L;

    private final Logger log;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<String, Long> lastTrace = new ConcurrentHashMap<>();

    FailureLog(Logger log, LongSupplier nanoClock) {
        this.log = log;
        this.nanoClock = nanoClock;
    }

    void failed(Object requestId, StoreException e) {
        String line = "request " + requestId + " failed: " + e.code() + " from " + e.backend()
                + (e.retryable() ? " (retryable)" : "") + ": " + e.getMessage() + cause(e);
        if (e.getCause() != null && traceDue(e.backend())) {
            log.log(Level.WARNING, line, e);
        } else {
            log.log(Level.WARNING, line);
        }
    }

    private boolean traceDue(String backend) {
        long now = nanoClock.getAsLong();
        boolean[] due = {false};
        lastTrace.compute(backend, (b, last) -> {
            if (last == null || now - last >= TRACE_INTERVAL_NANOS) {
                due[0] = true;
                return now;
            }
            return last;
        });
        return due[0];
    }

    private static String cause(Throwable e) {
        Throwable c = e.getCause();
        if (c == null) {
            return "";
        }
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return " [cause: " + c.getClass().getName() + (c.getMessage() == null ? "" : ": " + firstLine(c.getMessage())) + "]";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String first = nl < 0 ? s : s.substring(0, nl);
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }
}
