package northstar.adapters.persistence.journal;

import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** One file of the journal: entries from sequence {@code first} on, its size, and how many of them still wait. */
final class JournalSegment {
    final long first;
    final Path file;
    final FileChannel channel;
    long size;
    int pending;

    JournalSegment(long first, Path file, FileChannel channel, long size) {
        this.first = first;
        this.file = file;
        this.channel = channel;
        this.size = size;
    }
}
