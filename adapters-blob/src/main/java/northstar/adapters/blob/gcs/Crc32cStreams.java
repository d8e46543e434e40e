package northstar.adapters.blob.gcs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.zip.CRC32C;
import northstar.domain.objects.ObjectKey;

/**
 * The CRC32C Cloud Storage keeps of every object, in its wire form, and a download's, computed on
 * the bytes as they pass and failing at their end when it is not the stored one.
 */
final class Crc32cStreams {
    private Crc32cStreams() {
    }

    static String crc32c(CRC32C crc) {
        long v = crc.getValue();
        return Base64.getEncoder().encodeToString(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8),
                (byte) v});
    }

    /** The bytes as read, failing at their end when their CRC32C is not the object's. */
    static final class Checked extends Crc32cStream {
        private final String expected;
        private final ObjectKey key;

        Checked(InputStream in, String expected, ObjectKey key) {
            super(in);
            this.expected = expected;
            this.key = key;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                crc.update(b, off, n);
            } else if (n < 0 && expected != null && !expected.equals(crc32c(crc))) {
                throw new IOException("object " + key + " read back damaged: its CRC32C is not the stored one");
            }
            return n;
        }
    }

    /** A stream whose bytes pass through a CRC32C as they are read, in blocks (never skipped). */
    private abstract static class Crc32cStream extends FilterInputStream {
        protected final CRC32C crc = new CRC32C();

        Crc32cStream(InputStream in) {
            super(in);
        }

        @Override
        public final int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public abstract int read(byte[] b, int off, int len) throws IOException;

        @Override
        public final long skip(long n) throws IOException {
            throw new IOException("a checked stream is read, not skipped");
        }
    }
}
