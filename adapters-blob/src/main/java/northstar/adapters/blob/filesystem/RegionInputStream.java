package northstar.adapters.blob.filesystem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import northstar.domain.objects.FileRegion;

/** The bytes of a blob file after its header, by positional reads; closing it closes the file. */
final class RegionInputStream extends InputStream implements FileRegion {
    private final FileChannel channel;
    private final long start;
    private final long end;
    private long position;

    RegionInputStream(FileChannel channel, long start, long length) {
        this.channel = channel;
        this.start = start;
        this.end = start + length;
        this.position = start;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
        if (n < 0) {
            throw new IOException("blob file ended before its recorded size");
        }
        position += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - position);
    }

    @Override
    public FileChannel channel() {
        return channel;
    }

    @Override
    public long position() {
        return start;
    }

    @Override
    public long length() {
        return end - start;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
