package northstar.adapters.blob.filesystem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import northstar.adapters.blob.body.BodyCheck;
import northstar.domain.objects.PutOptions;

/**
 * Copies a body into a file while hashing it, in two stages that overlap: the caller reads a
 * buffer and hashes it while the buffer before it is written by the store's small pool of file
 * writers. SHA-256 and the write each cost about a second per GiB here, so overlapping them nearly
 * halves a large put.
 *
 * <p>What a copy holds is bounded and grows only with what the client sends: a write is a task of
 * its own (positional, so order does not matter), never a thread parked for the whole upload, and
 * the buffers (at most {@link #BUFFERS} of {@link #BUFFER} bytes) are allocated one at a time when
 * the previous ones are full and still being written. A client that trickles its body holds one
 * buffer and no writer.
 */
final class PipelinedCopy {
    static final int BUFFER = 256 * 1024;
    static final int BUFFERS = 3;

    private record Write(byte[] bytes, CompletableFuture<Void> done) {
    }

    private PipelinedCopy() {
    }

    /** Copies body to out from position start; returns the header describing what was written. */
    static BlobHeader copy(InputStream body, FileChannel out, long start, PutOptions options, Executor writers)
            throws IOException {
        Deque<Write> writing = new ArrayDeque<>(BUFFERS);
        int allocated = 0;
        long position = start;
        BodyCheck check = new BodyCheck(options, FilesystemObjectStore.TYPE);
        try {
            while (true) {
                byte[] buf;
                if (allocated < BUFFERS && (writing.isEmpty() || !writing.peekFirst().done().isDone())) {
                    buf = new byte[BUFFER];
                    allocated++;
                } else {
                    Write oldest = writing.removeFirst();
                    await(oldest.done());
                    buf = oldest.bytes();
                }
                int n = check.read(body, buf);
                if (n <= 0) {
                    break;
                }
                check.add(buf, n);
                long at = position;
                position += n;
                writing.addLast(new Write(buf, CompletableFuture.runAsync(() -> writeFully(out, buf, n, at), writers)));
                if (n < buf.length) {
                    break; // a buffer the body did not fill is its end
                }
            }
            while (!writing.isEmpty()) {
                await(writing.removeFirst().done());
            }
            String hex = check.finish();
            return new BlobHeader(check.size(), hex, options.contentType());
        } finally {
            // a failed copy still waits for its writes in flight: the caller deletes the file next
            for (Write w : writing) {
                w.done().exceptionally(e -> null).join();
            }
        }
    }

    private static void writeFully(FileChannel out, byte[] bytes, int n, long position) {
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, n);
        long at = position;
        try {
            while (b.hasRemaining()) {
                at += out.write(b, at);
            }
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    private static void await(CompletableFuture<Void> write) throws IOException {
        try {
            write.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("the file write failed", e.getCause());
        }
    }
}
