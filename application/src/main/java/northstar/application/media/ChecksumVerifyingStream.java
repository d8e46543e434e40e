package northstar.application.media;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Passes bytes through while hashing them; at the end, fails unless size and SHA-256 are as expected. */
final class ChecksumVerifyingStream extends FilterInputStream {
    private final MessageDigest digest;
    private final String expectedSha256;
    private final long expectedSize;
    private long size;
    private boolean verified;

    ChecksumVerifyingStream(InputStream in, String expectedSha256, long expectedSize) {
        super(in);
        this.expectedSha256 = expectedSha256;
        this.expectedSize = expectedSize;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            digest.update((byte) b);
            size++;
        } else {
            verify();
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            digest.update(buf, off, n);
            size += n;
        } else if (n < 0) {
            verify();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipping would leave bytes unhashed: read them instead
        byte[] buf = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void verify() throws IOException {
        if (verified) {
            return;
        }
        verified = true;
        String actual = HexFormat.of().formatHex(digest.digest());
        if (size != expectedSize || !actual.equals(expectedSha256)) {
            throw new IOException("stored media is corrupt: expected " + expectedSize + " bytes with SHA-256 "
                    + expectedSha256 + ", read " + size + " bytes with SHA-256 " + actual);
        }
    }
}
