package northstar.adapters.http;

import io.javalin.http.Context;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;

/**
 * Admission of uploads (object puts, media, presigned and raw puts): at most so many at once
 * overall, per tenant and per presigned URL, each with a body held to the minimum data rate. A
 * refusal comes before a byte of the body is read: overall, 503 (the service is full); per tenant
 * or URL, 429 (this caller has enough going on); both with Retry-After. What an upload can hold is
 * then bounded by these counts times the buffers of one put.
 */
final class Uploads {
    /** A refusal of one caller's upload over its share: 429 with Retry-After. */
    static final class TooMany extends StoreException {
        TooMany(String detail) {
            super(ErrorCode.RESOURCE_EXHAUSTED, "northstar", detail, true, null);
        }
    }

    /** One admitted upload: its watched body; closing it frees its places. */
    final class Permit implements AutoCloseable {
        private final String tenant;
        private final String url;
        private final InputStream body;
        private boolean closed;

        private Permit(String tenant, String url, InputStream body) {
            this.tenant = tenant;
            this.url = url;
            this.body = body;
        }

        InputStream body() {
            return body;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                body.close();
            } catch (java.io.IOException ignored) {
                // the request is over either way
            }
            release(tenant, url);
        }
    }

    private final int maxOverall;
    private final int maxPerTenant;
    private final SlowClients slow;
    private final AtomicInteger overall = new AtomicInteger();
    private final Map<String, Integer> perTenant = new ConcurrentHashMap<>();
    private final Map<String, Integer> perUrl = new ConcurrentHashMap<>();

    Uploads(int maxOverall, int maxPerTenant, SlowClients slow) {
        this.maxOverall = maxOverall;
        this.maxPerTenant = maxPerTenant;
        this.slow = slow;
    }

    /** Admits an upload by the tenant; for a presigned URL, url names it (one upload per URL at a time). */
    Permit admit(Context ctx, String tenant, String url) {
        if (!enter(overall, maxOverall)) {
            throw new StoreException(ErrorCode.RESOURCE_EXHAUSTED, "northstar", "the service is taking " + maxOverall
                    + " uploads at once; retry", true, null);
        }
        if (!enter(perTenant, tenant, maxPerTenant)) {
            overall.decrementAndGet();
            throw new TooMany("tenant " + tenant + " has " + maxPerTenant + " uploads in progress; retry when one ends");
        }
        if (url != null && !enter(perUrl, url, 1)) {
            release(tenant, null);
            throw new TooMany("this presigned URL is already being uploaded to");
        }
        try {
            return new Permit(tenant, url, slow.watch(ctx, Streams.requestBody(ctx), null));
        } catch (RuntimeException e) {
            release(tenant, url);
            throw e;
        }
    }

    /** Uploads in progress (what /v1/ops and the tests read). */
    int inProgress() {
        return overall.get();
    }

    private static boolean enter(AtomicInteger count, int max) {
        while (true) {
            int n = count.get();
            if (n >= max) {
                return false;
            }
            if (count.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Counts one more under key unless max are there already; atomic per key, and a key at 0 is no entry. */
    private static boolean enter(Map<String, Integer> counts, String key, int max) {
        boolean[] entered = {false};
        counts.compute(key, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= max) {
                return n;
            }
            entered[0] = true;
            return now + 1;
        });
        return entered[0];
    }

    private void release(String tenant, String url) {
        if (url != null) {
            perUrl.computeIfPresent(url, (u, n) -> n <= 1 ? null : n - 1);
        }
        perTenant.computeIfPresent(tenant, (t, n) -> n <= 1 ? null : n - 1);
        overall.decrementAndGet();
    }
}
