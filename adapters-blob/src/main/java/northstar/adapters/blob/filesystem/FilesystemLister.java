package northstar.adapters.blob.filesystem;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Lists keys in UTF-8 binary order by a sorted depth-first walk. A directory "x.d" holds exactly
 * the keys in [base + "x/", end of that prefix), so groups that hold no key after the cursor or no
 * key with the prefix are skipped without being read: a page costs its own entries plus the
 * directories on the way to them, however many objects come before the cursor.
 */
final class FilesystemLister {
    /** Code point order, which is UTF-8 byte order (String.compareTo is UTF-16 order). */
    static final Comparator<String> KEY_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private record Entry(String name, boolean group, Path path) {
    }

    private final String prefix;
    private final String after;
    private final int wanted;
    private final List<String> keys = new ArrayList<>();

    private FilesystemLister(String prefix, String after, int wanted) {
        this.prefix = prefix;
        this.after = after;
        this.wanted = wanted;
    }

    /** Up to {@code wanted} keys that start with prefix and sort after {@code after} (null: from the start). */
    static List<String> keys(Path namespaceDir, String prefix, String after, int wanted) throws IOException {
        FilesystemLister lister = new FilesystemLister(prefix, after, wanted);
        lister.walk(namespaceDir, "");
        return lister.keys;
    }

    private void walk(Path dir, String base) throws IOException {
        for (Entry e : sortedEntries(dir, base)) {
            if (keys.size() >= wanted) {
                return;
            }
            if (e.group()) {
                if (mayHoldWanted(e.name())) {
                    walk(e.path(), e.name());
                }
            } else if (e.name().startsWith(prefix) && (after == null || KEY_ORDER.compare(e.name(), after) > 0)) {
                keys.add(e.name());
            }
        }
    }

    private boolean mayHoldWanted(String group) {
        boolean prefixCompatible = group.startsWith(prefix) || prefix.startsWith(group);
        if (!prefixCompatible) {
            return false;
        }
        // every key of the group starts with group; the group is passed when the cursor is beyond all of them
        return after == null || after.startsWith(group) || KEY_ORDER.compare(after, group) < 0;
    }

    private static List<Entry> sortedEntries(Path dir, String base) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Predicate<Path> any = p -> true;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, any::test)) {
            for (Path child : children) {
                if (Files.isSymbolicLink(child)) {
                    continue; // never followed, never listed
                }
                String name = child.getFileName().toString();
                if (name.endsWith(FilesystemLayout.FILE_SUFFIX)) {
                    entries.add(new Entry(base + name.substring(0, name.length() - FilesystemLayout.FILE_SUFFIX.length()),
                            false, child));
                } else if (name.endsWith(FilesystemLayout.DIR_SUFFIX)) {
                    entries.add(new Entry(base + name.substring(0, name.length() - FilesystemLayout.DIR_SUFFIX.length())
                            + "/", true, child));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        entries.sort(Comparator.comparing(Entry::name, KEY_ORDER));
        return entries;
    }
}
