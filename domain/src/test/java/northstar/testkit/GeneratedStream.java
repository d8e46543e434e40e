package northstar.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A deterministic pseudo-random stream of any length, generated as it is read, so a test can send
 * gigabytes without holding them; {@link #sha256Of} computes the digest of the same bytes.
 */
public final class GeneratedStream extends InputStream {
    private final SplittableRandom random;
    private final long length;
    private long position;
    private long pending;

    public GeneratedStream(long seed, long length) {
        this.random = new SplittableRandom(seed);
        this.length = length;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - position);
        // eight bytes of one random long at a time: the same bytes for the same seed and length,
        // whatever the reader's buffer sizes (each long is taken at a multiple of 8 of the position)
        for (int i = 0; i < n; ) {
            long at = position + i;
            if ((at & 7) == 0) {
                pending = random.nextLong();
            }
            b[off + i] = (byte) (pending >>> (8 * (at & 7)));
            i++;
        }
        position += n;
        return n;
    }

    public static String sha256Of(long seed, long length) {
        return sha256(new GeneratedStream(seed, length));
    }

    public static String sha256(InputStream in) {
        try (in) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
