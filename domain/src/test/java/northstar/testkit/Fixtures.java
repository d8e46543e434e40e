package northstar.testkit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import northstar.domain.Mode;
import northstar.domain.RequestContext;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.EventStatus;
import northstar.domain.analytics.Platform;
import northstar.domain.analytics.Utm;

/** anyX() fixtures: valid values where the test does not care which. */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2026-01-10T12:00:00Z");
    private static final AtomicLong SEQ = new AtomicLong();

    private Fixtures() {
    }

    public static String anyTenant() {
        return "tenant-" + SEQ.incrementAndGet();
    }

    public static String anyId() {
        return UUID.randomUUID().toString();
    }

    public static RequestContext anyLabContext() {
        return context(anyTenant(), Mode.LAB);
    }

    public static RequestContext context(String tenant, Mode mode) {
        return new RequestContext(tenant, mode, "test", "project-1", "user-1", "req-" + SEQ.incrementAndGet());
    }

    public static Dimensions dimensions(String app, Platform platform) {
        return new Dimensions(app, "canvas", platform, "s_abc123", "r_1", null, null);
    }

    public static AnalyticsRecord record(String tenant, String id, Instant at) {
        return record(tenant, id, at, dimensions("agent_builder", Platform.WEB));
    }

    public static AnalyticsRecord record(String tenant, String id, Instant at, Dimensions dimensions) {
        return new AnalyticsRecord(id, tenant, Mode.LAB, "project-1", dimensions,
                new Utm("google", "cpc", "spring", null, null), Map.of("tokens", 12L, "model", "gpt"), null,
                EventStatus.SUCCESS, null, at, at.plusMillis(5));
    }

    public static AnalyticsRecord step(String tenant, String runId, String stepId, Instant at) {
        return record(tenant, anyId(), at, new Dimensions("agent_builder", "timeline", Platform.API, "s_1", "r_1", runId,
                stepId));
    }
}
