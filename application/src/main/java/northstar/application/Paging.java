package northstar.application;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import northstar.domain.ErrorCode;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.StoreException;

/** Reads every page of a listing, up to a bound that keeps a runaway listing from exhausting memory. */
public final class Paging {
    private Paging() {
    }

    public static <T> List<T> all(Function<PageRequest, Page<T>> fetch, int maxItems) {
        List<T> out = new ArrayList<>();
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<T> p = fetch.apply(page);
            out.addAll(p.items());
            if (out.size() > maxItems) {
                throw new StoreException(ErrorCode.RESOURCE_EXHAUSTED, "listing holds more than " + maxItems
                        + " items; page through it instead");
            }
            if (p.nextCursor().isEmpty()) {
                return out;
            }
            page = page.next(p.nextCursor().get());
        }
    }
}
