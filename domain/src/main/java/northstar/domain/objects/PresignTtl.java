package northstar.domain.objects;

import java.time.Duration;
import northstar.domain.StoreException;

/**
 * How long a presigned URL lives: whole seconds from 1 to {@link #MAX} (seven days, the most every
 * cloud allows), checked here, once, under the API's one name for it, {@code ttl_seconds}.
 */
public record PresignTtl(Duration duration) {
    public static final Duration MAX = Duration.ofDays(7);
    /** 15 minutes, when the caller names none. */
    public static final PresignTtl DEFAULT = new PresignTtl(Duration.ofMinutes(15));

    public PresignTtl {
        if (duration == null || duration.toSeconds() < 1 || duration.compareTo(MAX) > 0) {
            throw StoreException.invalid("ttl_seconds", "must be between 1 and " + MAX.toSeconds());
        }
    }

    public static PresignTtl ofSeconds(long seconds) {
        if (seconds < 1 || seconds > MAX.toSeconds()) {
            throw StoreException.invalid("ttl_seconds", "must be between 1 and " + MAX.toSeconds());
        }
        return new PresignTtl(Duration.ofSeconds(seconds));
    }
}
