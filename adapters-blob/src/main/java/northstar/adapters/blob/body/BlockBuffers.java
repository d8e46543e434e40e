package northstar.adapters.blob.body;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The block buffers of one object store's puts, reused so that a put of one block or many allocates
 * none once the store is warm. At most {@code keep} buffers of {@code size} bytes exist at a time,
 * made on first need; a put that finds none free fills a buffer of its own that grows as the body
 * arrives (as without a pool), so the pool bounds what it holds and never makes a put wait.
 *
 * <p>A buffer goes back only after every request that read it has completed: one whose request may
 * still be running (a call that timed out, a send that failed half way) is {@linkplain #lose lost} to
 * the collector and its place made anew, so no put can ever send another put's bytes.
 */
public final class BlockBuffers {
    /** Buffers an object store keeps between its puts. */
    public static final int PER_STORE = 2;

    private final int size;
    private final int keep;
    private final ConcurrentLinkedDeque<byte[]> free = new ConcurrentLinkedDeque<>();
    private final AtomicInteger made = new AtomicInteger();

    /** The buffers of one store's puts: {@link #PER_STORE} of size bytes at most. */
    public BlockBuffers(int size) {
        this(size, PER_STORE);
    }

    BlockBuffers(int size, int keep) {
        if (size <= 0 || keep < 0) {
            throw new IllegalArgumentException("size must be positive and keep not negative");
        }
        this.size = size;
        this.keep = keep;
    }

    /** Bytes of each buffer. */
    public int size() {
        return size;
    }

    /** A free buffer, a new one while fewer than keep exist, or null when all are in use. */
    byte[] take() {
        byte[] b = free.pollFirst();
        if (b != null) {
            return b;
        }
        for (int m = made.get(); m < keep; m = made.get()) {
            if (made.compareAndSet(m, m + 1)) {
                return new byte[size];
            }
        }
        return null;
    }

    /** A buffer no request reads any more, free for the next put. */
    void giveBack(byte[] b) {
        free.offerFirst(b);
    }

    /** A buffer a request may still read: never reused; its place is free for a new one. */
    void lose() {
        made.decrementAndGet();
    }

    /** Buffers free now. */
    int free() {
        return free.size();
    }

    /** Buffers that exist now, free or in use. */
    int made() {
        return made.get();
    }
}
