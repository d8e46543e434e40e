package northstar.adapters.blob.filesystem;

import java.nio.file.Files;
import java.nio.file.Path;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.domain.objects.ObjectKey;
import northstar.domain.objects.ObjectNamespace;

/**
 * Where keys live on disk: under {@code root/objects/tenants/{tenant}/{env}/raw/}, each key segment
 * but the last is a directory named {@code segment.d} and the last is a file named
 * {@code segment.obj}. The two suffixes keep the keys "a" and "a/b" from colliding (a file and a
 * directory both named "a"). Keys are validated before they get here, so no segment is "." or
 * "..", and the path can only be below the namespace directory. No symbolic link is ever followed:
 * a key whose path meets one (a link planted in the data directory, pointing at another tenant or
 * out of the root) is refused, and files are opened with NOFOLLOW_LINKS.
 */
final class FilesystemLayout {
    static final String FILE_SUFFIX = ".obj";
    static final String DIR_SUFFIX = ".d";

    private final Path objects;
    private final Path tmp;

    FilesystemLayout(Path root) {
        this.objects = root.resolve("objects");
        this.tmp = root.resolve("tmp");
    }

    Path tmpDir() {
        return tmp;
    }

    Path objectsDir() {
        return objects;
    }

    Path namespaceDir(ObjectNamespace ns) {
        return objects.resolve("tenants").resolve(ns.tenantId()).resolve(ns.env()).resolve("raw");
    }

    Path file(ObjectNamespace ns, ObjectKey key) {
        Path dir = namespaceDir(ns);
        String[] segments = key.value().split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            dir = dir.resolve(segments[i] + DIR_SUFFIX);
        }
        Path file = dir.resolve(segments[segments.length - 1] + FILE_SUFFIX);
        if (!file.normalize().startsWith(namespaceDir(ns))) {
            throw new IllegalStateException("key escaped its namespace: " + key);
        }
        refuseLinks(file, key);
        return file;
    }

    /** Every component from the store's root down to the file is a real directory or file, or absent. */
    private void refuseLinks(Path file, ObjectKey key) {
        Path at = objects.getParent();
        for (Path name : at.relativize(file)) {
            at = at.resolve(name);
            if (Files.isSymbolicLink(at)) {
                throw new StoreException(ErrorCode.PERMISSION_DENIED, "filesystem", "object " + key
                        + " is behind a symbolic link, which this store never follows", false, null);
            }
        }
    }
}
