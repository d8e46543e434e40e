package northstar.domain;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * New ids: UUIDv7 (RFC 9562), the time in milliseconds followed by random bits, so ids of events
 * sort roughly by creation time and spread evenly across index pages. The random bits come from
 * ThreadLocalRandom: ids are unique, not secret (API keys and secrets use SecureRandom).
 */
public final class Ids {
    private Ids() {
    }

    public static String newId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long millis = System.currentTimeMillis();
        long msb = (millis << 16) | 0x7000L | (r.nextLong() & 0x0FFFL);
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
