package northstar.adapters.blob.body;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import northstar.domain.StoreException;

/**
 * A whole call to a backend within a deadline, for clients whose own timeouts cannot bound a hung
 * server (a blocking read waits for the transport's default). The call runs on a virtual thread; past
 * the deadline it is interrupted (which closes a socket it is blocked on) and the caller gets a
 * retryable UNAVAILABLE at once.
 */
public final class CallDeadline {
    private static final ExecutorService CALLS = Executors.newVirtualThreadPerTaskExecutor();

    private CallDeadline() {
    }

    public static <T> T within(Duration deadline, String backend, String operation, Callable<T> call) {
        Future<T> f = CALLS.submit(call);
        try {
            return f.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw StoreException.unavailable(backend, operation + ": no answer within " + deadline.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw StoreException.unavailable(backend, operation + ": interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw StoreException.internal(backend, operation + " failed", cause);
        }
    }
}
