package northstar.domain.objects;

import java.nio.channels.FileChannel;

/**
 * A body that is a region of a local file. A transport that can send a file without copying it
 * through the heap (a mapped buffer, sendfile) may do so instead of reading the stream; anything
 * else reads it as the InputStream it also is.
 */
public interface FileRegion {
    FileChannel channel();

    long position();

    long length();
}
