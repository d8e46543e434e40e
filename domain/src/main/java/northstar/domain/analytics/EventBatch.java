package northstar.domain.analytics;

import java.util.List;
import java.util.function.Function;
import northstar.domain.StoreException;

/**
 * 1 to {@link AnalyticsStore#MAX_BATCH} events, checked here, once, where a batch enters (the HTTP
 * body, the library call): every layer below takes the batch as it is, and {@link #map} carries the
 * bound from one form of the events to the next (wire items, new events, records).
 */
public final class EventBatch<T> {
    private final List<T> events;

    private EventBatch(List<T> events) {
        this.events = events;
    }

    /** The events as a batch, or INVALID_ARGUMENT on {@code events} when there are none or too many. */
    public static <T> EventBatch<T> of(List<T> events) {
        if (events == null || events.isEmpty() || events.size() > AnalyticsStore.MAX_BATCH) {
            throw StoreException.invalid("events", "must hold 1 to " + AnalyticsStore.MAX_BATCH + " events");
        }
        return new EventBatch<>(List.copyOf(events));
    }

    public List<T> events() {
        return events;
    }

    public int size() {
        return events.size();
    }

    /** The same batch in another form: as many events, in the same order. */
    public <R> EventBatch<R> map(Function<? super T, ? extends R> f) {
        return new EventBatch<>(events.stream().<R>map(f).toList());
    }

    @Override
    public String toString() {
        return "EventBatch" + events;
    }
}
