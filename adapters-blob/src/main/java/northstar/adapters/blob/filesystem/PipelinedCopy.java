package northstar.adapters.blob.filesystem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import northstar.adapters.blob.body.BodyCheck;
import northstar.domain.objects.PutOptions;

/**
 * Copies a body into a file while hashing it, in two stages that overlap: the caller reads a
 * buffer and hashes it while a writer thread writes the buffer before it. SHA-256 and the write each
 * cost about a second per GiB here, so overlapping them nearly halves a large put. Memory is three
 * buffers per copy, whatever the body's size.
 */
final class PipelinedCopy {
    static final int BUFFER = 1024 * 1024;
    private static final int BUFFERS = 3;

    private record Chunk(byte[] bytes, int length) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0);

    private PipelinedCopy() {
    }

    /** Copies body to out from position start; returns the header describing what was written. */
    static BlobHeader copy(InputStream body, FileChannel out, long start, PutOptions options, ExecutorService writers)
            throws IOException {
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
        BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[BUFFER]);
        }
        Future<Void> writer = writers.submit(() -> {
            long position = start;
            while (true) {
                Chunk c = full.take();
                if (c == END) {
                    return null;
                }
                ByteBuffer b = ByteBuffer.wrap(c.bytes(), 0, c.length());
                while (b.hasRemaining()) {
                    position += out.write(b, position);
                }
                free.put(c.bytes());
            }
        });
        try {
            BodyCheck check = new BodyCheck(options, FilesystemObjectStore.TYPE);
            while (true) {
                byte[] buf = take(free, writer);
                int n = check.read(body, buf);
                if (n <= 0) {
                    break;
                }
                check.add(buf, n);
                put(full, new Chunk(buf, n), writer);
            }
            put(full, END, writer);
            await(writer);
            String hex = check.finish();
            return new BlobHeader(check.size(), hex, options.contentType());
        } finally {
            writer.cancel(true);
        }
    }

    private static byte[] take(BlockingQueue<byte[]> free, Future<Void> writer) throws IOException {
        return whileWriterRuns(writer, () -> free.poll(100, TimeUnit.MILLISECONDS));
    }

    private static void put(BlockingQueue<Chunk> full, Chunk c, Future<Void> writer) throws IOException {
        whileWriterRuns(writer, () -> full.offer(c, 100, TimeUnit.MILLISECONDS) ? c : null);
    }

    /** Retries a timed queue step until it yields, failing as soon as the writer thread has stopped. */
    private static <T> T whileWriterRuns(Future<Void> writer, Callable<T> step) throws IOException {
        try {
            while (true) {
                T done = step.call();
                if (done != null) {
                    return done;
                }
                if (writer.isDone()) {
                    await(writer);
                    throw new IOException("the file writer stopped early");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static void await(Future<Void> writer) throws IOException {
        try {
            writer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }
}
