package northstar.adapters.http;

import io.javalin.http.Context;
import northstar.adapters.http.wire.AmountBody;
import northstar.adapters.http.wire.BudgetCheckView;
import northstar.adapters.http.wire.BudgetView;
import northstar.adapters.http.wire.LimitsBody;
import northstar.adapters.http.wire.ReservationEndView;
import northstar.adapters.http.wire.ReservationView;
import northstar.adapters.http.wire.ReserveBody;
import northstar.application.budget.Reservation;
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
                () -> budgets.setLimits(rc, provider, metric, b.softLimit(), b.hardLimit(), b.budgetPeriod()))));
    }

    /** With an Idempotency-Key, the same key within 24 h applies once and answers as the first time. */
    void recordUsage(Context ctx) {
        AmountBody b = Json.read(ctx, maxJsonBytes, AmountBody.class);
        UsageToken token = token(ctx);
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

    /**
     * POST .../reservations: 201 with a new reservation; with an Idempotency-Key seen before, 200 with
     * the reservation that key made (nothing changed); 429 when it would pass the hard limit.
     */
    void reserve(Context ctx) {
        ReserveBody b = Json.read(ctx, maxJsonBytes, ReserveBody.class);
        UsageToken token = token(ctx);
        var rc = Auth.context(ctx);
        String provider = ctx.pathParam("provider");
        String metric = ctx.pathParam("metric");
        Reservation r = deadline.within("the reservation",
                () -> budgets.reserve(rc, provider, metric, b.amount(), b.ttl(), b.runId(), b.stepId(), token));
        Json.write(ctx, r.replayed() ? 200 : 201, ReservationView.of(r));
    }

    /** POST .../reservations/{id}/commit: the actual usage; a repeat with the same amount answers the same (replayed). */
    void commit(Context ctx) {
        AmountBody b = Json.read(ctx, maxJsonBytes, AmountBody.class);
        token(ctx); // commits are idempotent by reservation; a key is checked, not needed
        var rc = Auth.context(ctx);
        String provider = ctx.pathParam("provider");
        String metric = ctx.pathParam("metric");
        String id = ctx.pathParam("id");
        double amount = b.amount();
        Json.write(ctx, 200, ReservationEndView.of(deadline.within("committing the reservation",
                () -> budgets.commit(rc, provider, metric, id, amount))));
    }

    /** DELETE .../reservations/{id}: releases the hold; a repeat answers the same (replayed). */
    void release(Context ctx) {
        var rc = Auth.context(ctx);
        String provider = ctx.pathParam("provider");
        String metric = ctx.pathParam("metric");
        String id = ctx.pathParam("id");
        Json.write(ctx, 200, ReservationEndView.of(deadline.within("releasing the reservation",
                () -> budgets.release(rc, provider, metric, id))));
    }

    private static UsageToken token(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        return key == null ? UsageToken.forCall() : UsageToken.clientKey(key);
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
