package northstar.adapters.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Streaming request and response bodies: never a whole object in memory. */
final class Streams {
    /** Large enough that a 1 GiB body is a thousand writes, small enough for a 128 MiB heap under load. */
    static final int BUFFER = 1024 * 1024;

    private Streams() {
    }

    static InputStream requestBody(Context ctx) {
        try {
            return ctx.req().getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The declared Content-Length, or -1 (chunked). */
    static long contentLength(Context ctx) {
        return ctx.req().getContentLengthLong();
    }

    /** Sends the body with its length; the stream is closed whatever happens. */
    static void send(Context ctx, InputStream body, long length, String contentType) {
        ctx.contentType(contentType);
        ctx.res().setContentLengthLong(length);
        try (InputStream in = body; OutputStream out = ctx.res().getOutputStream()) {
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
