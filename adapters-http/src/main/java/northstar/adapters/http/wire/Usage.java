package northstar.adapters.http.wire;

import northstar.domain.analytics.UsageReport;

/** What an event reports it used: {@code {"provider", "metric", "amount"}}, in requests and answers. */
public record Usage(String provider, String metric, Double amount) {
    public static Usage of(UsageReport u) {
        return u == null ? null : new Usage(u.provider(), u.metric(), u.amount());
    }

    UsageReport toReport(String at) {
        return new UsageReport(Bodies.required(Bodies.join(at, "provider"), provider),
                Bodies.required(Bodies.join(at, "metric"), metric), Bodies.required(Bodies.join(at, "amount"), amount));
    }
}
