package northstar.adapters.http;

import io.javalin.http.Context;
import northstar.adapters.http.wire.AmountBody;
import northstar.adapters.http.wire.BudgetCheckView;
import northstar.adapters.http.wire.BudgetView;
import northstar.adapters.http.wire.LimitsBody;
import northstar.application.budget.BudgetService;
import northstar.application.budget.UsageToken;
import northstar.domain.StoreException;

/** /v1/budgets: limits, usage, listing. */
final class BudgetHandlers {
    private final BudgetService budgets;
    private final long maxJsonBytes;
    private final RequestDeadline deadline;

    BudgetHandlers(BudgetService budgets, long maxJsonBytes, RequestDeadline deadline) {
        this.budgets = budgets;
        this.maxJsonBytes = maxJsonBytes;
        this.deadline = deadline;
    }

    void setLimits(Context ctx) {
        LimitsBody b = Json.read(ctx, maxJsonBytes, LimitsBody.class);
        var rc = Auth.context(ctx);
        String provider = ctx.pathParam("provider");
        String metric = ctx.pathParam("metric");
        Json.write(ctx, 200, BudgetView.of(deadline.within("setting limits",
                () -> budgets.setLimits(rc, provider, metric, b.softLimit(), b.hardLimit()))));
    }

    /** With an Idempotency-Key, the same key within 24 h applies once and answers as the first time. */
    void recordUsage(Context ctx) {
        AmountBody b = Json.read(ctx, maxJsonBytes, AmountBody.class);
        String key = ctx.header("Idempotency-Key");
        UsageToken token = key == null ? UsageToken.forCall() : UsageToken.clientKey(key);
        var rc = Auth.context(ctx);
        String provider = ctx.pathParam("provider");
        String metric = ctx.pathParam("metric");
        double amount = b.amount();
        Json.write(ctx, 200, BudgetView.of(deadline.within("the usage increment",
                () -> budgets.recordUsage(rc, provider, metric, amount, token))));
    }

    /** GET .../check?amount=N: what N more would do, read without changing anything. */
    void check(Context ctx) {
        double amount;
        try {
            amount = Double.parseDouble(Params.required(ctx, "amount"));
        } catch (NumberFormatException e) {
            throw northstar.domain.StoreException.invalid("amount", "must be a number");
        }
        var rc = Auth.context(ctx);
        String provider = ctx.pathParam("provider");
        String metric = ctx.pathParam("metric");
        Json.write(ctx, 200, BudgetCheckView.of(deadline.within("checking the budget",
                () -> budgets.check(rc, provider, metric, amount))));
    }

    void get(Context ctx) {
        String provider = ctx.pathParam("provider");
        String metric = ctx.pathParam("metric");
        var rc = Auth.context(ctx);
        Json.write(ctx, 200, BudgetView.of(deadline.within("reading the budget", () -> budgets.get(rc, provider, metric))
                .orElseThrow(() -> StoreException.notFound("budget " + provider + "/" + metric))));
    }

    void listProvider(Context ctx) {
        var rc = Auth.context(ctx);
        String provider = ctx.pathParam("provider");
        Json.writeList(ctx, 200, "items", deadline.within("listing budgets", () -> budgets.listProviderUsage(rc, provider)),
                BudgetView::of, java.util.Map.of());
    }
}
