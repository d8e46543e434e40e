package northstar.adapters.persistence.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import northstar.domain.ErrorCode;
import northstar.domain.RequestContext;
import northstar.domain.StoreException;
import northstar.domain.analytics.AcceptedEvent;
import northstar.domain.analytics.IngestJournal;

/**
 * The ingest journal on local disk: append-only segment files under one directory, each frame
 * checksummed ({@link JournalCodec}), every append synced (fdatasync) before it returns. Opening
 * replays the segments: entries not acknowledged are pending again, a torn last frame (a crash
 * mid-append, never acknowledged to anyone) is cut off. Acknowledgements are appended unsynced: one
 * lost in a crash only brings its entry back, and delivery is idempotent. JournalSegments are deleted
 * oldest first once every entry in them is acknowledged; what is on disk is bounded by maxBytes.
 *
 * <p>In memory it keeps an index only (where each pending entry is, and its event ids); entries are
 * read back from disk when delivered or looked up.
 */
public final class FileIngestJournal implements IngestJournal {
    private static final System.Logger LOG = System.getLogger(FileIngestJournal.class.getName());
    static final long SEGMENT_BYTES = 64L * 1024 * 1024;
    private static final String SUFFIX = ".seg";
    private static final java.nio.file.attribute.FileAttribute<?> PRIVATE_DIR = java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    private static final java.nio.file.attribute.FileAttribute<?> PRIVATE_FILE = java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    private record Location(long segment, long offset, int length, String tenant, List<String> ids) {
    }

    private final Path dir;
    private final long maxBytes;
    private final TreeMap<Long, JournalSegment> segments = new TreeMap<>();
    private final TreeMap<Long, Location> pending = new TreeMap<>();
    private final Map<String, Map<String, Long>> byId = new HashMap<>();
    /** The tenants byId holds, readable without the lock: every healthy ingest asks {@link #holds}. */
    private final java.util.Set<String> holding = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private long nextSequence = 1;
    private long bytes;

    private FileIngestJournal(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    /** Opens (or creates) the journal in dir, replaying what a previous process left there. */
    public static FileIngestJournal open(Path dir, long maxBytes) {
        FileIngestJournal j = new FileIngestJournal(dir, maxBytes);
        try {
            Files.createDirectories(dir, PRIVATE_DIR);
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
            }
            for (int i = 0; i < files.size(); i++) {
                j.replay(files.get(i), i == files.size() - 1);
            }
            j.dropFinishedJournalSegments();
            if (j.segments.isEmpty()) {
                j.newJournalSegment();
            }
        } catch (IOException e) {
            j.close();
            throw new UncheckedIOException("cannot open the ingest journal in " + dir, e);
        }
        return j;
    }

    private void replay(Path file, boolean last) throws IOException {
        String name = file.getFileName().toString();
        long first = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        JournalSegment seg = new JournalSegment(first, file, ch, 0);
        segments.put(first, seg);
        long size = ch.size();
        long at = JournalCodec.scan(ch, size, (type, body, offset, length) -> {
            if (type == JournalCodec.ENTRY) {
                Entry e = JournalCodec.entry(body);
                index(e.sequence(), seg, offset, length, e.context().tenantId(), ids(e.events()));
                nextSequence = Math.max(nextSequence, e.sequence() + 1);
            } else if (type == JournalCodec.ACK) {
                unindex(JournalCodec.ackedSequence(body));
            }
        });
        if (at < size) {
            if (last) {
                LOG.log(Level.WARNING, "ingest journal: " + file + " ends in a torn frame at " + at
                        + " (a crash mid-append; that append was never acknowledged): cut off");
                ch.truncate(at);
                ch.force(true);
            } else {
                LOG.log(Level.ERROR, "ingest journal: " + file + " is damaged at byte " + at + " of " + size
                        + "; the frames after it cannot be read");
            }
        }
        seg.size = at;
        bytes += at;
    }

    private static List<String> ids(List<AcceptedEvent> events) {
        return events.stream().map(e -> e.record().analyticsId()).toList();
    }

    private void index(long sequence, JournalSegment seg, long offset, int length, String tenant, List<String> ids) {
        pending.put(sequence, new Location(seg.first, offset, length, tenant, ids));
        seg.pending++;
        Map<String, Long> t = byId.computeIfAbsent(tenant, k -> new HashMap<>());
        ids.forEach(id -> t.put(id, sequence));
        holding.add(tenant);
    }

    private void unindex(long sequence) {
        Location loc = pending.remove(sequence);
        if (loc == null) {
            return;
        }
        JournalSegment seg = segments.get(loc.segment());
        if (seg != null) {
            seg.pending--;
        }
        Map<String, Long> t = byId.get(loc.tenant());
        if (t != null) {
            loc.ids().forEach(id -> t.remove(id, sequence));
            if (t.isEmpty()) {
                byId.remove(loc.tenant());
                holding.remove(loc.tenant());
            }
        }
    }

    private JournalSegment newJournalSegment() throws IOException {
        Path file = dir.resolve(String.format("%020d", nextSequence) + SUFFIX);
        FileChannel ch = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE), PRIVATE_FILE);
        JournalSegment seg = new JournalSegment(nextSequence, file, ch, 0);
        segments.put(seg.first, seg);
        syncDirectory();
        return seg;
    }

    private void syncDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    @Override
    public synchronized Entry append(RequestContext context, List<AcceptedEvent> events) {
        long sequence = nextSequence;
        byte[] body = JournalCodec.entry(sequence, context, events);
        long frame = JournalCodec.HEADER + (long) body.length;
        if (bytes + frame > maxBytes) {
            throw StoreException.throttled("journal", "the ingest journal is full (" + bytes + " of " + maxBytes
                    + " bytes): its backends are down or slow; retry later", null);
        }
        try {
            JournalSegment seg = segments.lastEntry().getValue();
            if (seg.size > 0 && seg.size + frame > SEGMENT_BYTES) {
                seg = newJournalSegment();
            }
            write(seg, JournalCodec.frame(JournalCodec.ENTRY, body));
            seg.channel.force(false);
            index(sequence, seg, seg.size, body.length, context.tenantId(), ids(events));
            seg.size += frame;
            bytes += frame;
            nextSequence++;
            return new Entry(sequence, context, events);
        } catch (IOException e) {
            throw new StoreException(ErrorCode.UNAVAILABLE, "journal", "the ingest journal cannot be written: "
                    + e.getMessage(), true, e);
        }
    }

    private static void write(JournalSegment seg, ByteBuffer frame) throws IOException {
        long at = seg.size;
        while (frame.hasRemaining()) {
            at += seg.channel.write(frame, at);
        }
    }

    @Override
    public synchronized List<Entry> oldest(int max) {
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<Long, Location> p : pending.entrySet()) {
            if (out.size() >= max) {
                break;
            }
            out.add(load(p.getValue()));
        }
        return out;
    }

    private Entry load(Location loc) {
        try {
            return JournalCodec.entry(JournalCodec.read(segments.get(loc.segment()).channel, loc.offset() + JournalCodec.HEADER,
                    loc.length()));
        } catch (IOException e) {
            throw new StoreException(ErrorCode.UNAVAILABLE, "journal", "the ingest journal cannot be read: "
                    + e.getMessage(), true, e);
        }
    }

    @Override
    public synchronized void acknowledge(long sequence) {
        if (!pending.containsKey(sequence)) {
            return;
        }
        try {
            JournalSegment active = segments.lastEntry().getValue();
            ByteBuffer frame = JournalCodec.frame(JournalCodec.ACK, JournalCodec.ack(sequence));
            int n = frame.remaining();
            write(active, frame);
            active.size += n;
            bytes += n;
            unindex(sequence);
            if (pending.isEmpty()) {
                newJournalSegment(); // everything delivered: start afresh so the old files can go
            }
            dropFinishedJournalSegments();
        } catch (IOException e) {
            throw new StoreException(ErrorCode.UNAVAILABLE, "journal", "the ingest journal cannot be written: "
                    + e.getMessage(), true, e);
        }
    }

    /** Deletes the oldest segments whose entries are all acknowledged (never the one appended to). */
    private void dropFinishedJournalSegments() throws IOException {
        while (segments.size() > 1) {
            JournalSegment oldest = segments.firstEntry().getValue();
            if (oldest.pending > 0) {
                return;
            }
            segments.pollFirstEntry();
            oldest.channel.close();
            Files.deleteIfExists(oldest.file);
            bytes -= oldest.size;
        }
    }

    @Override
    public synchronized Optional<AcceptedEvent> pending(String tenantId, String analyticsId) {
        Long sequence = byId.getOrDefault(tenantId, Map.of()).get(analyticsId);
        if (sequence == null) {
            return Optional.empty();
        }
        return load(pending.get(sequence)).events().stream()
                .filter(e -> e.record().analyticsId().equals(analyticsId)).findFirst();
    }

    @Override
    public boolean holds(String tenantId) {
        return holding.contains(tenantId); // kept with byId under the lock; read without it
    }

    @Override
    public synchronized int size() {
        return pending.size();
    }

    @Override
    public synchronized long bytes() {
        return bytes;
    }

    @Override
    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public synchronized void close() {
        for (JournalSegment s : segments.values()) {
            try {
                s.channel.force(true);
                s.channel.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "ingest journal: closing " + s.file + ": " + e.getMessage());
            }
        }
        segments.clear();
    }
}
