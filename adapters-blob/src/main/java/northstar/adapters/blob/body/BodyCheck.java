package northstar.adapters.blob.body;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.domain.objects.PutOptions;

/**
 * What every object store checks of a body while it streams, written once: a body that cannot be
 * read to its end, is longer or shorter than its declared length, or has another SHA-256 than the
 * expected one is INVALID_ARGUMENT. The SHA-256 and size are computed in the same pass.
 */
public final class BodyCheck {
    private final PutOptions options;
    private final String backend;
    private final MessageDigest sha256 = digest("SHA-256");
    private long size;
    private String hex;

    public BodyCheck(PutOptions options, String backend) {
        this.options = options;
        this.backend = backend;
    }

    /** Fills buf as far as the body goes; 0 at its end. */
    public int read(InputStream body, byte[] buf) {
        return read(body, buf, 0, buf.length);
    }

    /** Fills len bytes of buf from off as far as the body goes; a body that breaks off is INVALID_ARGUMENT. */
    private int read(InputStream body, byte[] buf, int off, int len) {
        try {
            return body.readNBytes(buf, off, len);
        } catch (IOException e) {
            throw new StoreException(ErrorCode.INVALID_ARGUMENT, backend, "the body could not be read to its end", false, e);
        }
    }

    /** The first size of a {@link #fill} buffer that grows: what a small or trickling body holds. */
    static final int FIRST_FILL = 64 * 1024;

    /**
     * A buffer and how many of its bytes the body filled; ended when the body is known to end there
     * (it stopped short of the buffer, or filled exactly its declared length and then ended). Closing
     * it gives a pooled buffer back if the put marked it {@linkplain #done done}, and otherwise loses
     * it, because a request that failed or timed out may still be reading it.
     */
    public static final class Filled implements AutoCloseable {
        private final byte[] bytes;
        private final int length;
        private final boolean ended;
        private final BlockBuffers pool;
        private boolean done;
        private boolean closed;

        Filled(byte[] bytes, int length, boolean ended, BlockBuffers pool) {
            this.bytes = bytes;
            this.length = length;
            this.ended = ended;
            this.pool = pool;
        }

        public byte[] bytes() {
            return bytes;
        }

        public int length() {
            return length;
        }

        public boolean ended() {
            return ended;
        }

        /** Whether the buffer is a pool's (tests). */
        boolean pooled() {
            return pool != null;
        }

        /** The put's result, once every request that read the buffer has completed: the buffer may be reused. */
        public <T> T done(T result) {
            done = true;
            return result;
        }

        @Override
        public void close() {
            if (pool == null || closed) {
                return;
            }
            closed = true;
            if (done) {
                pool.giveBack(bytes);
            } else {
                pool.lose();
            }
        }
    }

    /** As {@link #fill(InputStream, int, BlockBuffers)} without a pool. */
    public Filled fill(InputStream body, int max) {
        return fill(body, max, null);
    }

    /**
     * Reads up to max bytes of the body into one buffer. A body declared longer than the first fill
     * (or of unknown length) takes a buffer of the pool when one is free, which the caller closes
     * through the returned {@link Filled}. Otherwise the buffer grows as the bytes arrive, from 64 KiB
     * and four-fold (not from the declared length: a client may declare much and send little): a small
     * body, or one a client trickles, holds no more memory than it has sent beyond what the pool
     * already bounds, and only a body that keeps coming reaches max. The buffer holds no more than a
     * declared length within max, and a body that fills that length is then read to its end (one byte
     * more is INVALID_ARGUMENT), so a body of exactly max bytes is known whole without another buffer.
     * Nothing is counted or hashed yet.
     */
    public Filled fill(InputStream body, int max, BlockBuffers pool) {
        long declared = options.contentLength();
        boolean bounded = declared >= 0 && declared <= max;
        int cap = bounded ? (int) declared : max;
        byte[] pooled = pool != null && pool.size() == max && cap > FIRST_FILL ? pool.take() : null;
        BlockBuffers owner = pooled == null ? null : pool;
        try {
            byte[] buf = pooled != null ? pooled : new byte[Math.min(FIRST_FILL, cap)];
            int n = 0;
            while (true) {
                int limit = Math.min(buf.length, cap);
                int want = limit - n;
                int got = read(body, buf, n, want);
                n += got;
                if (got < want) {
                    return new Filled(buf, n, true, owner);
                }
                if (limit >= cap) {
                    return new Filled(buf, n, bounded && endsHere(body, declared), owner);
                }
                buf = java.util.Arrays.copyOf(buf, (int) Math.min(4L * buf.length, cap));
            }
        } catch (RuntimeException e) {
            if (owner != null) {
                owner.giveBack(pooled); // only this thread has read into it
            }
            throw e;
        }
    }

    /** True once the body has ended after its declared length; a byte more is INVALID_ARGUMENT. */
    private boolean endsHere(InputStream body, long declared) {
        int more;
        try {
            more = body.read();
        } catch (IOException e) {
            throw new StoreException(ErrorCode.INVALID_ARGUMENT, backend, "the body could not be read to its end", false, e);
        }
        if (more >= 0) {
            throw StoreException.invalid("body", "is longer than its content length " + declared);
        }
        return true;
    }

    /** Counts and hashes n bytes of buf; refuses a body longer than its declared length at once. */
    public void add(byte[] buf, int n) {
        add(buf, 0, n);
    }

    /** As {@link #add(byte[], int)}, for the n bytes of buf from off. */
    public void add(byte[] buf, int off, int n) {
        sha256.update(buf, off, n);
        size += n;
        if (options.contentLength() >= 0 && size > options.contentLength()) {
            throw StoreException.invalid("body", "is longer than its content length " + options.contentLength());
        }
    }

    /** The body's SHA-256 (hex), once its length and expected digest are checked. */
    public String finish() {
        if (hex != null) {
            return hex;
        }
        if (options.contentLength() >= 0 && size != options.contentLength()) {
            throw StoreException.invalid("body", "has " + size + " bytes, its content length said " + options.contentLength());
        }
        String digest = HexFormat.of().formatHex(sha256.digest());
        if (options.expectedSha256() != null && !options.expectedSha256().equals(digest)) {
            throw StoreException.invalid("sha256", "the body's SHA-256 is " + digest + ", not " + options.expectedSha256());
        }
        hex = digest;
        return hex;
    }

    /** The SHA-256 (hex) of the whole body once {@link #finish} has accepted it; null before. */
    public String finished() {
        return hex;
    }

    public long size() {
        return size;
    }

    /** The digest of n bytes of buf (a part's SHA-256, a block's MD5). */
    public static byte[] digest(String algorithm, byte[] buf, int n) {
        MessageDigest d = digest(algorithm);
        d.update(buf, 0, n);
        return d.digest();
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }
}
