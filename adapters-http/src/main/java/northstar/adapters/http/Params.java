package northstar.adapters.http;

import io.javalin.http.Context;
import northstar.domain.PageRequest;
import northstar.domain.StoreException;

/** Query parameters, checked: a bad one is a 400 naming it. */
final class Params {
    private Params() {
    }

    static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            throw StoreException.invalid(name, "query parameter is required");
        }
        return v;
    }

    static String optional(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isEmpty() ? null : v;
    }

    static PageRequest page(Context ctx) {
        String limit = optional(ctx, "limit");
        int n = PageRequest.DEFAULT_LIMIT;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                throw StoreException.invalid("limit", "must be an integer between 1 and " + PageRequest.MAX_LIMIT);
            }
        }
        return new PageRequest(n, optional(ctx, "cursor"));
    }
}
