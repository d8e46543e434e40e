package northstar.adapters.persistence.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import northstar.domain.Identifiers;
import northstar.domain.StoreException;
import northstar.domain.analytics.RollupLog;

/**
 * The rollup log on local disk: one text file of lines {@code m <generation> <tenant> <bucket>} (a
 * mark) and {@code c <generation>} (a close), appended with a plain write: on return the line is the
 * kernel's, so it survives the process being killed; it is not synced (a machine crash is repaired by
 * {@code rollups rebuild}). The file is the owner's alone (rw-------). A torn last line is ignored. Opening reads what the previous process
 * left: the marks of generations it never closed are {@link #unrepaired}. The file is rewritten with
 * the open marks only (a new file renamed over the old) when it opens, when the repair is done, and
 * whenever it has grown past {@link #COMPACT_BYTES} since the last rewrite.
 */
public final class FileRollupLog implements RollupLog {
    static final long COMPACT_BYTES = 4L * 1024 * 1024;
    private static final java.nio.file.attribute.FileAttribute<?> PRIVATE_FILE = java.nio.file.attribute
            .PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    private final Path file;
    private FileChannel out;
    private long generations;
    private long written;
    private boolean closed;
    /** The marks of generations not closed yet, as their lines. */
    private final Map<Long, List<String>> open = new LinkedHashMap<>();
    private Map<String, Set<String>> unrepaired;
    private final List<Long> unrepairedGenerations = new ArrayList<>();

    private FileRollupLog(Path file) {
        this.file = file;
    }

    /** Opens (or creates) the log file, reading what a previous process left in it. */
    public static FileRollupLog open(Path file) {
        FileRollupLog log = new FileRollupLog(file);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Map<String, Set<String>> found = new HashMap<>();
            if (Files.exists(file)) {
                log.read(found);
            }
            log.unrepaired = found;
            log.rewrite();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the rollup log " + file, e);
        }
        return log;
    }

    private void read(Map<String, Set<String>> found) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        Map<Long, List<String>> marks = new LinkedHashMap<>();
        for (String line : end < 0 ? new String[0] : text.substring(0, end).split("\n")) {
            String[] f = line.split(" ");
            try {
                long g = Long.parseLong(f[1]);
                generations = Math.max(generations, g);
                if (f[0].equals("m") && f.length == 4) {
                    marks.computeIfAbsent(g, k -> new ArrayList<>()).add(line);
                } else if (f[0].equals("c") && f.length == 2) {
                    marks.remove(g);
                }
            } catch (RuntimeException e) {
                // not a line this log wrote whole: skipped
            }
        }
        for (var e : marks.entrySet()) {
            unrepairedGenerations.add(e.getKey());
            open.put(e.getKey(), e.getValue());
            for (String line : e.getValue()) {
                String[] f = line.split(" ");
                found.computeIfAbsent(f[2], t -> new TreeSet<>()).add(f[3]);
            }
        }
    }

    @Override
    public synchronized long begin() {
        return ++generations;
    }

    @Override
    public synchronized void mark(long generation, String tenantId, Set<String> buckets) {
        Identifiers.slug("tenant_id", tenantId);
        StringBuilder lines = new StringBuilder();
        List<String> mine = open.computeIfAbsent(generation, g -> new ArrayList<>());
        for (String b : buckets) {
            if (b.isEmpty() || b.indexOf(' ') >= 0 || b.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("bucket " + b);
            }
            String line = "m " + generation + " " + tenantId + " " + b;
            mine.add(line);
            lines.append(line).append('\n');
        }
        append(lines.toString());
    }

    @Override
    public synchronized void close(long generation) {
        if (open.remove(generation) != null) {
            append("c " + generation + "\n");
        }
        if (written > COMPACT_BYTES && !closed) {
            compact();
        }
    }

    @Override
    public synchronized Map<String, Set<String>> unrepaired() {
        Map<String, Set<String>> copy = new HashMap<>();
        unrepaired.forEach((t, b) -> copy.put(t, Set.copyOf(b)));
        return copy;
    }

    @Override
    public synchronized void repaired() {
        unrepairedGenerations.forEach(open::remove);
        unrepairedGenerations.clear();
        unrepaired = Map.of();
        compact();
    }

    private void append(String text) {
        if (closed) {
            throw StoreException.unavailable("rollup log", "the rollup log is closed", null);
        }
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        try {
            while (b.hasRemaining()) {
                written += out.write(b);
            }
        } catch (IOException e) {
            throw StoreException.unavailable("rollup log", "cannot write the rollup log: " + e.getMessage(), e);
        }
    }

    private void compact() {
        if (closed) {
            return;
        }
        try {
            rewrite();
        } catch (IOException e) {
            throw StoreException.unavailable("rollup log", "cannot compact the rollup log: " + e.getMessage(), e);
        }
    }

    /** The open marks into a new file, synced and renamed over the old one. */
    private void rewrite() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder text = new StringBuilder();
        open.values().forEach(lines -> lines.forEach(l -> text.append(l).append('\n')));
        Files.deleteIfExists(tmp);
        try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PRIVATE_FILE)) {
            ByteBuffer b = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (out != null) {
            out.close();
        }
        out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        written = 0;
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            // closing: nothing left to keep
        }
    }
}
