package northstar.adapters.blob.filesystem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import northstar.domain.Cursors;
import northstar.domain.ErrorCode;
import northstar.domain.Page;
import northstar.domain.PageRequest;
import northstar.domain.StoreException;
import northstar.domain.objects.ObjectContent;
import northstar.domain.objects.ObjectInfo;
import northstar.domain.objects.ObjectKey;
import northstar.domain.objects.ObjectNamespace;
import northstar.domain.objects.ObjectStore;
import northstar.domain.objects.PresignOptions;
import northstar.domain.objects.PresignTtl;
import northstar.domain.objects.PresignedRequest;
import northstar.domain.objects.SelfSignedUploads;
import northstar.domain.objects.PutOptions;

/**
 * The lab-mode ObjectStore on a local directory. A put streams the body into a temporary file
 * (hashing it on the way), fsyncs it, renames it atomically over the target and fsyncs the
 * directory: a crash leaves the old object or the new one, never a partial one. Lab only: the use
 * cases refuse it to saas and enterprise tenants.
 */
public final class FilesystemObjectStore implements ObjectStore, SelfSignedUploads {
    /** Directories this store makes are its own (files are temp files: private already). */
    private static final java.nio.file.attribute.FileAttribute<?> PRIVATE_DIR = java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

    public static final String TYPE = "filesystem";
    private static final String LIST = "k1";

    private final Path root;
    private final FilesystemLayout layout;
    private final FilesystemPresigner presigner;
    /**
     * Threads that write the buffers of puts while their callers read and hash the next ones: a fixed
     * few whatever the number of uploads, since a write is a task of one buffer and an upload waiting
     * for its client holds none of them (at most {@link PipelinedCopy#BUFFERS} tasks queue per put).
     */
    private final java.util.concurrent.ExecutorService fileWriters = java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            Thread.ofPlatform().name("filesystem-writer-", 0).daemon(true).factory());

    public FilesystemObjectStore(Path root, FilesystemPresigner presigner) {
        this.root = root.toAbsolutePath().normalize();
        this.layout = new FilesystemLayout(this.root);
        this.presigner = presigner;
        try {
            Files.createDirectories(layout.objectsDir(), PRIVATE_DIR);
            Files.createDirectories(layout.tmpDir(), PRIVATE_DIR);
        } catch (IOException e) {
            throw failure("open " + root, e);
        }
    }

    @Override
    public String backendType() {
        return TYPE;
    }

    @Override
    public boolean labOnly() {
        return true;
    }

    @Override
    public SelfSignedUploads.Grant verify(SelfSignedUploads.Request request) {
        return presigner.verify(request);
    }

    @Override
    public ObjectInfo put(ObjectNamespace ns, ObjectKey key, InputStream body, PutOptions options) {
        Path target = layout.file(ns, key);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(layout.tmpDir(), "put-", ".part");
            BlobHeader header;
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                header = PipelinedCopy.copy(body, out, BlobHeader.SIZE, options, fileWriters);
                header.writeTo(out);
                out.force(true);
            }
            Files.createDirectories(target.getParent(), PRIVATE_DIR);
            if (options.ifAbsent()) {
                claim(tmp, target, key);
            } else {
                move(tmp, target);
                tmp = null;
            }
            syncDirectory(target.getParent());
            return info(key, header, target);
        } catch (IOException e) {
            throw failure("put " + key, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover temp file is invisible to readers and removed by the next cleanup
                }
            }
        }
    }

    /**
     * Makes the finished temp file the object only if the key is free: a hard link fails atomically
     * when the name exists (rename would replace it). The temp name is removed by the caller.
     */
    private static void claim(Path tmp, Path target, ObjectKey key) throws IOException {
        try {
            Files.createLink(target, tmp);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new StoreException(ErrorCode.ALREADY_EXISTS, TYPE, "object " + key + " already exists", false, null);
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the object directory does not support atomic rename", e);
        }
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    @Override
    public ObjectContent get(ObjectNamespace ns, ObjectKey key) {
        Path file = layout.file(ns, key);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            BlobHeader header = BlobHeader.readFrom(channel);
            ObjectInfo info = info(key, header, file);
            return new ObjectContent(info, new RegionInputStream(channel, BlobHeader.SIZE, header.size()));
        } catch (NoSuchFileException e) {
            throw StoreException.notFound("object " + key);
        } catch (IOException e) {
            closeQuietly(channel);
            throw failure("get " + key, e);
        }
    }

    @Override
    public Optional<ObjectInfo> head(ObjectNamespace ns, ObjectKey key) {
        Path file = layout.file(ns, key);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(info(key, BlobHeader.readFrom(channel), file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("head " + key, e);
        }
    }

    @Override
    public boolean delete(ObjectNamespace ns, ObjectKey key) {
        Path file = layout.file(ns, key);
        try {
            boolean deleted = Files.deleteIfExists(file);
            if (deleted) {
                syncDirectory(file.getParent());
            }
            return deleted;
        } catch (IOException e) {
            throw failure("delete " + key, e);
        }
    }

    @Override
    public Page<ObjectInfo> list(ObjectNamespace ns, String prefix, PageRequest page) {
        String after = page.cursor() == null ? null : Cursors.decode(LIST, page.cursor(), 1).getFirst();
        try {
            List<String> keys = FilesystemLister.keys(layout.namespaceDir(ns), ObjectKey.prefix(prefix), after,
                    page.limit() + 1);
            List<ObjectInfo> items = new ArrayList<>();
            for (String k : keys.subList(0, Math.min(keys.size(), page.limit()))) {
                head(ns, ObjectKey.of(k)).ifPresent(items::add);
            }
            if (keys.size() > page.limit()) {
                String last = keys.get(page.limit() - 1);
                return new Page<>(items, Optional.of(Cursors.encode(LIST, last)));
            }
            return Page.last(items);
        } catch (IOException e) {
            throw failure("list " + prefix, e);
        }
    }

    @Override
    public PresignedRequest presignPut(ObjectNamespace ns, ObjectKey key, PresignTtl lifetime, PresignOptions options) {
        Duration ttl = lifetime.duration();
        return presigner.sign(ns, key, ttl, options);
    }

    /** All of them: the service that verifies the URL holds the upload to its bounds. */
    @Override
    public java.util.Set<PresignOptions.Binding> presignBinds() {
        return java.util.EnumSet.allOf(PresignOptions.Binding.class);
    }

    @Override
    public String objectRef(ObjectNamespace ns, ObjectKey key) {
        // relative to the route's root, named by its last segment: a reference never reveals the server's paths
        return "fs://" + root.getFileName() + "/" + ns.path(key);
    }

    private static ObjectInfo info(ObjectKey key, BlobHeader header, Path file) throws IOException {
        return new ObjectInfo(key, header.size(), header.contentType(), header.sha256(),
                Files.getLastModifiedTime(file).toInstant(), header.sha256());
    }

    @Override
    public void probe() {
        if (!Files.isDirectory(layout.objectsDir()) || !Files.isWritable(layout.tmpDir())) {
            throw new StoreException(ErrorCode.UNAVAILABLE, TYPE, "object root " + root + " is not a writable directory",
                    true, null);
        }
    }

    @Override
    public void close() {
        fileWriters.shutdown();
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    /** The one place where I/O failures become portable errors. */
    private static StoreException failure(String operation, IOException e) {
        return new StoreException(ErrorCode.UNAVAILABLE, TYPE, operation + " failed: " + e.getClass().getSimpleName(),
                false, e);
    }
}
