package northstar.adapters.blob.gcs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.zip.CRC32C;
import northstar.adapters.blob.body.BodyCheck;
import northstar.domain.StoreException;
import northstar.domain.objects.ObjectKey;

/**
 * The CRC32C Cloud Storage keeps of every object, computed on the bytes as they pass: an upload's
 * (with its length and SHA-256 checked before its end is sent) and a download's (failing at its end
 * when it is not the stored one).
 */
final class Crc32cStreams {
    private Crc32cStreams() {
    }

    static String crc32c(CRC32C crc) {
        long v = crc.getValue();
        return Base64.getEncoder().encodeToString(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8),
                (byte) v});
    }

    /**
     * The body as the client uploads it, counted and hashed on the way; at its end the length and
     * expected SHA-256 are checked before the client sees the end, so a body that is not what it said
     * never gets its final chunk sent and is never committed.
     */
    static final class CheckedBody extends Crc32cStream {
        private final BodyCheck check;
        private String sha256;

        CheckedBody(InputStream in, BodyCheck check) {
            super(in);
            this.check = check;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                throw StoreException.invalid("body", "could not be read to its end");
            }
            if (n > 0) {
                check.add(b, off, n);
                crc.update(b, off, n);
            } else if (n < 0 && sha256 == null) {
                sha256 = check.finish();
            }
            return n;
        }

        String crc32c() {
            return Crc32cStreams.crc32c(crc);
        }

        String sha256() {
            return sha256;
        }
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
