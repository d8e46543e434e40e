package northstar.adapters.http;

import io.javalin.http.Context;
import java.util.Set;
import northstar.application.budget.BudgetService;
import northstar.domain.StoreException;

/** /v1/budgets: limits, usage, listing. */
final class BudgetHandlers {
    private final BudgetService budgets;
    private final long maxJsonBytes;

    BudgetHandlers(BudgetService budgets, long maxJsonBytes) {
        this.budgets = budgets;
        this.maxJsonBytes = maxJsonBytes;
    }

    void setLimits(Context ctx) {
        JsonBody b = Json.read(ctx, maxJsonBytes).allowOnly(Set.of("soft_limit", "hard_limit"));
        Json.write(ctx, 200, Wire.budget(budgets.setLimits(Auth.context(ctx), ctx.pathParam("provider"),
                ctx.pathParam("metric"), b.number("soft_limit"), b.number("hard_limit"))));
    }

    void recordUsage(Context ctx) {
        JsonBody b = Json.read(ctx, maxJsonBytes).allowOnly(Set.of("amount"));
        Json.write(ctx, 200, Wire.usage(budgets.recordUsage(Auth.context(ctx), ctx.pathParam("provider"),
                ctx.pathParam("metric"), b.requiredNumber("amount"))));
    }

    void get(Context ctx) {
        String provider = ctx.pathParam("provider");
        String metric = ctx.pathParam("metric");
        Json.write(ctx, 200, Wire.budget(budgets.get(Auth.context(ctx), provider, metric)
                .orElseThrow(() -> StoreException.notFound("budget " + provider + "/" + metric))));
    }

    void listProvider(Context ctx) {
        Json.write(ctx, 200, Wire.items(budgets.listProviderUsage(Auth.context(ctx), ctx.pathParam("provider")),
                Wire::budget));
    }
}
