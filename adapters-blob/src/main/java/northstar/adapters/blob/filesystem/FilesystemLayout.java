package northstar.adapters.blob.filesystem;

import java.nio.file.Path;
import northstar.domain.objects.ObjectKey;
import northstar.domain.objects.ObjectNamespace;

/**
 * Where keys live on disk: under {@code root/objects/tenants/{tenant}/{env}/raw/}, each key segment
 * but the last is a directory named {@code segment.d} and the last is a file named
 * {@code segment.obj}. The two suffixes keep the keys "a" and "a/b" from colliding (a file and a
 * directory both named "a"). Keys are validated before they get here, so no segment is "." or
 * "..", and the path can only be below the namespace directory.
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
        return file;
    }
}
