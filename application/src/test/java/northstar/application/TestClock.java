package northstar.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the test moves by hand, or lets tick a fixed step on every reading (so each reading is its own instant). */
public final class TestClock extends Clock {
    private final AtomicLong millis;
    private volatile long step;

    public TestClock() {
        this(Instant.parse("2026-01-10T12:00:00Z"));
    }

    public TestClock(Instant start) {
        millis = new AtomicLong(start.toEpochMilli());
    }

    public void advance(Duration d) {
        millis.addAndGet(d.toMillis());
    }

    /** Stands still at t. */
    public void set(Instant t) {
        step = 0;
        millis.set(t.toEpochMilli());
    }

    /** From t on, every reading is stepMillis later than the one before. */
    public void tickFrom(Instant t, long stepMillis) {
        millis.set(t.toEpochMilli());
        step = stepMillis;
    }

    /** Stands still where it is. */
    public void stop() {
        step = 0;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.getAndAdd(step));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
