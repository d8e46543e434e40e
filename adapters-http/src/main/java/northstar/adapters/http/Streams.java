package northstar.adapters.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import northstar.domain.objects.FileRegion;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

/** Streaming request and response bodies: never a whole object in memory. */
final class Streams {
    /** Large enough that a 1 GiB body is a thousand writes, small enough for a 128 MiB heap under load. */
    static final int BUFFER = 1024 * 1024;
    private static final long MAP_WINDOW = 64L * 1024 * 1024;

    private Streams() {
    }

    static InputStream requestBody(Context ctx) {
        try {
            return ctx.req().getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The body, refused with 413 as soon as it runs past max bytes (a chunked body has no length to
     * check first): the store sees a failed read and keeps nothing.
     */
    static InputStream atMost(InputStream body, long max) {
        return new BodyFilter(body) {
            private long count;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, (int) Math.min(len, max - count + 1));
                if (n > 0) {
                    count += n;
                    if (count > max) {
                        throw new Json.TooLarge(max);
                    }
                }
                return n;
            }
        };
    }

    /** The declared Content-Length, or -1 (chunked). */
    static long contentLength(Context ctx) {
        return ctx.req().getContentLengthLong();
    }

    /** Mapped windows of a file region: the kernel copies from the page cache to the socket, no heap copy. */
    private static void sendMapped(FileRegion region, HttpOutput out) throws IOException {
        long position = region.position();
        long end = position + region.length();
        while (position < end) {
            long n = Math.min(MAP_WINDOW, end - position);
            MappedByteBuffer window = region.channel().map(FileChannel.MapMode.READ_ONLY, position, n);
            out.write(window);
            position += n;
        }
    }

    /** Sends the body with its length; the stream is closed whatever happens. */
    static void send(Context ctx, InputStream body, long length, String contentType) {
        ctx.contentType(contentType);
        ctx.res().setContentLengthLong(length);
        try (InputStream in = body; OutputStream out = ctx.res().getOutputStream()) {
            if (in instanceof FileRegion region && out instanceof HttpOutput jetty) {
                sendMapped(region, jetty);
                return;
            }
            byte[] buf = new byte[BUFFER];
            for (int n; (n = in.readNBytes(buf, 0, buf.length)) > 0; ) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // the client went away or the stored bytes failed their check: the response is already
            // started, so the only honest signal left is to cut the connection short
            throw new UncheckedIOException(e);
        }
    }
}
