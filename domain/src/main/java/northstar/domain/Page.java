package northstar.domain;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** A page of results and the cursor of the next one; no cursor means this is the last page. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, Optional.empty());
    }

    public <R> Page<R> map(Function<? super T, ? extends R> f) {
        return new Page<>(items.stream().<R>map(f).toList(), nextCursor);
    }

    /** The items that pass, with the same cursor (a page may then hold fewer than its limit). */
    public Page<T> filter(Predicate<? super T> keep) {
        return new Page<>(items.stream().filter(keep).toList(), nextCursor);
    }
}
