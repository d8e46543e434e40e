package northstar.adapters.http;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import northstar.domain.StoreException;

/**
 * The deadline of a JSON request's use case, whatever its backends do and however many calls it
 * makes to them: past it the caller gets a retryable 503 (with Retry-After) at once, and the use case
 * is interrupted. What it may still change is safe to retry: usage carries its idempotency token,
 * reads change nothing.
 */
final class RequestDeadline {
    private static final ExecutorService WORK = Executors.newVirtualThreadPerTaskExecutor();

    private final Duration deadline;
    private final northstar.domain.Telemetry telemetry;

    RequestDeadline(Duration deadline, northstar.domain.Telemetry telemetry) {
        this.deadline = deadline;
        this.telemetry = telemetry;
    }

    <T> T within(String what, Supplier<T> work) {
        Future<T> f = WORK.submit(telemetry.carry(work)::get);
        try {
            return f.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw StoreException.unavailable("northstar", what + " did not finish within " + deadline.toMillis()
                    + " ms: a backend is slow or down; retry", e);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw StoreException.unavailable("northstar", what + " was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw StoreException.internal("northstar", what + " failed", e.getCause());
        }
    }
}
