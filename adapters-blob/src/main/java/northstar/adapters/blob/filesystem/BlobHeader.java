package northstar.adapters.blob.filesystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The fixed-size header at the start of every blob file: size, SHA-256 and content type as
 * key=value lines in the first {@link #SIZE} bytes, the object's bytes after it. Keeping both in one
 * file makes a put one atomic rename, and a reader that opened the file keeps a consistent object
 * however often it is replaced.
 */
record BlobHeader(long size, String sha256, String contentType) {
    static final int SIZE = 4096;
    private static final String MAGIC = "NSOBJ1";

    void writeTo(FileChannel channel) throws IOException {
        String text = MAGIC + "\nsize=" + size + "\nsha256=" + sha256 + "\ncontent_type=" + contentType + "\n\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > SIZE) {
            throw new IllegalStateException("blob header too large");
        }
        ByteBuffer buf = ByteBuffer.allocate(SIZE).put(bytes).flip();
        buf.limit(SIZE);
        long pos = 0;
        while (buf.hasRemaining()) {
            pos += channel.write(buf, pos);
        }
    }

    static BlobHeader readFrom(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(SIZE);
        long pos = 0;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new IOException("blob file shorter than its header");
            }
            pos += n;
        }
        String text = new String(buf.array(), StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        if (lines.length < 4 || !lines[0].equals(MAGIC)) {
            throw new IOException("not a blob file");
        }
        Map<String, String> fields = new HashMap<>();
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            int eq = lines[i].indexOf('=');
            if (eq > 0) {
                fields.put(lines[i].substring(0, eq), lines[i].substring(eq + 1));
            }
        }
        try {
            return new BlobHeader(Long.parseLong(fields.get("size")), fields.get("sha256"), fields.get("content_type"));
        } catch (NumberFormatException | NullPointerException e) {
            throw new IOException("blob header is damaged", e);
        }
    }
}
