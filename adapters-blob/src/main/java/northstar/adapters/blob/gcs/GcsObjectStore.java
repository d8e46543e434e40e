package northstar.adapters.blob.gcs;

import com.google.api.gax.paging.Page;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.BaseServiceException;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import northstar.adapters.blob.body.BlockBuffers;
import northstar.adapters.blob.body.BodyCheck;
import northstar.adapters.blob.body.CallDeadline;
import northstar.domain.Cursors;
import northstar.domain.ErrorCode;
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
import northstar.domain.objects.PutOptions;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;

/**
 * The ObjectStore on one Cloud Storage bucket (config.bucket), objects at
 * {@code tenants/{t}/{env}/raw/{key}}, object_ref {@code gs://{bucket}/tenants/...}. One client per
 * route from the route's config alone: {@code project}, {@code credentials} (service_account with
 * {@code key_file}, or application_default only when named; bootstrap builds them), optional {@code endpoint} (another
 * JSON API host, e.g. an emulator), {@code chunk_size_mb} (1-64, default 4: the upload's memory per
 * put) and {@code create_bucket}.
 *
 * <ul>
 * <li><b>Put</b> is a resumable upload streamed in chunks (one chunk in memory), its SHA-256 and
 * CRC32C computed on the way. A body of up to 1 MiB is sent with its SHA-256 as metadata sha256 and
 * its CRC32C for Cloud Storage to check; for a longer one, the CRC32C Cloud Storage reports is
 * compared with ours after the upload (a mismatching object is deleted and the put fails), then the
 * SHA-256 is set as metadata. A body that breaks off or is not what it said is never committed:
 * its upload is finished only once the body is whole, and nothing is visible before.</li>
 * <li><b>Get</b> streams (range reads) and checks the bytes against the object's CRC32C at their end.</li>
 * <li><b>Presigned PUT</b> is a V4 signed URL for that object, bound to its Content-Type, signed
 * with the route's service-account key, expiring (at most 7 days).</li>
 * </ul>
 */
public final class GcsObjectStore implements ObjectStore {
    public static final String TYPE = "gcs";
    private static final String LIST = "g1";
    private static final String SHA_META = "sha256";
    /** Bodies are read in pieces of this size; one that fits in a piece is sent whole, with its checksums. */
    private static final int PIECE = 1024 * 1024;
    /** The unit of a resumable upload's chunks. */
    private static final int GRANULE = 256 * 1024;

    private final Storage storage;
    private final String bucket;
    private final int chunkSize;
    private final Duration callTimeout;
    private final GcsPresigner presigner;
    /** The first piece of each put, reused across puts. */
    private final BlockBuffers buffers = new BlockBuffers(PIECE);

    /** @param credentials the Google credentials config.credentials names (built by bootstrap) */
    public GcsObjectStore(Route route, GoogleCredentials credentials) {
        this(GcsSettings.parse(route), credentials, route.describe());
    }

    /** @param credentials the Google credentials the settings name (built by bootstrap) */
    public GcsObjectStore(GcsSettings settings, GoogleCredentials credentials, String route) {
        if (credentials == null) {
            throw new RouteConfigurationException(route + ": the credentials config.credentials names are required");
        }
        this.bucket = settings.bucket();
        this.chunkSize = settings.chunkSize();
        StorageOptions.Builder options = StorageOptions.http().setProjectId(settings.project())
                .setCredentials(credentials)
                .setRetrySettings(StorageOptions.getDefaultRetrySettings().toBuilder()
                        .setMaxAttempts(settings.maxAttempts())
                        .setTotalTimeoutDuration(settings.apiCallTimeout())
                        .build());
        settings.endpoint().ifPresent(options::setHost);
        this.callTimeout = settings.apiCallTimeout();
        this.storage = options.build().getService();
        this.presigner = new GcsPresigner(storage, settings.endpoint().orElse(null));
        if (settings.createBucket()) {
            try {
                if (storage.get(bucket) == null) {
                    storage.create(BucketInfo.of(bucket));
                }
            } catch (BaseServiceException e) {
                throw GcsErrors.translate("create bucket " + bucket, e);
            }
        }
    }

    @Override
    public String backendType() {
        return TYPE;
    }

    private BlobId id(ObjectNamespace ns, ObjectKey key) {
        return BlobId.of(bucket, ns.path(key));
    }

    /**
     * A body that fits in one piece is read first and then sent in one request, within the route's
     * deadline; a larger one streams from the caller at its pace (each chunk bounded by the transport).
     */
    @Override
    public ObjectInfo put(ObjectNamespace ns, ObjectKey key, InputStream body, PutOptions options) {
        BodyCheck check = new BodyCheck(options, TYPE);
        BlobInfo.Builder info = BlobInfo.newBuilder(id(ns, key)).setContentType(options.contentType());
        try (BodyCheck.Filled filled = check.fill(body, PIECE, buffers)) {
            byte[] first = filled.bytes();
            int n = filled.length();
            if (filled.ended()) {
                check.add(first, n);
                CRC32C crc = new CRC32C();
                crc.update(first, 0, n);
                String hex = check.finish();
                BlobInfo small = info.setMetadata(Map.of(SHA_META, hex)).setCrc32c(Crc32cStreams.crc32c(crc)).build();
                // past the deadline the call may still be sending the buffer: then it is not reused
                return filled.done(CallDeadline.within(callTimeout, TYPE, "put " + key, () -> putSmall(key, small, first, n, options)));
            }
            CRC32C crc = new CRC32C();
            BlobInfo stored = upload(info.build(), body, filled, check, crc, options);
            verified(key, stored, Crc32cStreams.crc32c(crc));
            // the SHA-256 is known only now; kept as metadata of this generation like a small object's
            Blob updated = storage.update(stored.toBuilder().setMetadata(Map.of(SHA_META, check.finish())).build(),
                    Storage.BlobTargetOption.generationMatch(), Storage.BlobTargetOption.metagenerationMatch());
            return info(key, updated);
        } catch (IOException e) {
            throw new StoreException(ErrorCode.UNAVAILABLE, TYPE, "put " + key + ": the upload failed", true, e);
        } catch (BaseServiceException e) {
            if (options.ifAbsent() && e.getCode() == 412) {
                throw new StoreException(ErrorCode.ALREADY_EXISTS, TYPE, "object " + key + " already exists", false, e);
            }
            throw GcsErrors.translate("put " + key, e);
        }
    }

    /**
     * A body longer than a piece, streamed through one resumable upload in chunks of chunkSize, the
     * buffer that holds its first piece carrying the rest piece by piece. The upload is finished only
     * once the body has ended at its declared length with its expected SHA-256: a body that breaks
     * off or is not what it said leaves the session unfinished, which Cloud Storage never makes an
     * object. (Storage.createFrom would finish it: it closes its channel on every way out.)
     */
    private BlobInfo upload(BlobInfo info, InputStream body, BodyCheck.Filled filled, BodyCheck check, CRC32C crc,
                        PutOptions options) throws IOException {
        byte[] buf = filled.bytes();
        com.google.cloud.WriteChannel writer = storage.writer(info, writeOptions(options));
        writer.setChunkSize(chunkSize);
        java.util.concurrent.Future<BlobInfo> result = UploadResult.of(writer);
        for (int n = filled.length(); n > 0; n = check.read(body, buf)) {
            check.add(buf, n);
            crc.update(buf, 0, n);
            java.nio.ByteBuffer piece = java.nio.ByteBuffer.wrap(buf, 0, n);
            while (piece.hasRemaining()) {
                writer.write(piece);
            }
        }
        check.finish(); // a body that is not what it said stops here, its upload never finished
        filled.done(null); // the channel copied every piece it was given
        writer.close();
        return UploadResult.await(result, callTimeout, "put " + info.getName());
    }

    /** A put only if absent is a write that requires generation 0: Cloud Storage answers 412 when one exists. */
    private static Storage.BlobWriteOption[] writeOptions(PutOptions options, Storage.BlobWriteOption... more) {
        List<Storage.BlobWriteOption> all = new ArrayList<>(List.of(more));
        if (options.ifAbsent()) {
            all.add(Storage.BlobWriteOption.doesNotExist());
        }
        return all.toArray(Storage.BlobWriteOption[]::new);
    }

    /** The stored generation, once Cloud Storage's CRC32C of it is the one computed while sending it. */
    private ObjectInfo putSmall(ObjectKey key, BlobInfo small, byte[] bytes, int n, PutOptions options) {
        try {
            // one chunk that holds the body, rounded up to Cloud Storage's 256 KiB granule: not a whole piece
            int chunk = Math.min(PIECE, Math.max(1, (n + GRANULE - 1) / GRANULE) * GRANULE);
            return verified(key, storage.createFrom(small, new ByteArrayInputStream(bytes, 0, n), chunk,
                    writeOptions(options, Storage.BlobWriteOption.crc32cMatch())), small.getCrc32c());
        } catch (IOException e) {
            throw new StoreException(ErrorCode.UNAVAILABLE, TYPE, "put " + key + ": the upload failed", true, e);
        }
    }

    private ObjectInfo verified(ObjectKey key, BlobInfo stored, String crc) {
        if (!crc.equals(stored.getCrc32c())) {
            storage.delete(stored.getBlobId(), Storage.BlobSourceOption.generationMatch(stored.getGeneration()));
            throw new StoreException(ErrorCode.UNAVAILABLE, TYPE, "object " + key + " arrived damaged (CRC32C "
                    + stored.getCrc32c() + ", sent " + crc + "); it was deleted, retry", true, null);
        }
        return info(key, stored);
    }

    private static ObjectInfo info(ObjectKey key, BlobInfo b) {
        Instant modified = b.getUpdateTimeOffsetDateTime() == null ? Instant.EPOCH
                : b.getUpdateTimeOffsetDateTime().toInstant();
        return new ObjectInfo(key, b.getSize() == null ? 0 : b.getSize(),
                b.getContentType() == null ? PutOptions.OCTET_STREAM : b.getContentType(),
                b.getMetadata() == null ? null : b.getMetadata().get(SHA_META), modified, b.getEtag());
    }

    @Override
    public ObjectContent get(ObjectNamespace ns, ObjectKey key) {
        return CallDeadline.within(callTimeout, TYPE, "get " + key, () -> getNow(ns, key));
    }

    private ObjectContent getNow(ObjectNamespace ns, ObjectKey key) {
        try {
            Blob b = storage.get(id(ns, key));
            if (b == null) {
                throw StoreException.notFound("object " + key);
            }
            // that generation: a put of the same key meanwhile cannot mix into this read
            var reader = storage.reader(BlobId.of(bucket, b.getName(), b.getGeneration()));
            reader.setChunkSize(PIECE * 2);
            return new ObjectContent(info(key, b), new Crc32cStreams.Checked(Channels.newInputStream(reader), b.getCrc32c(), key));
        } catch (BaseServiceException e) {
            throw GcsErrors.translate("get " + key, e);
        }
    }

    @Override
    public Optional<ObjectInfo> head(ObjectNamespace ns, ObjectKey key) {
        return CallDeadline.within(callTimeout, TYPE, "head " + key, () -> headNow(ns, key));
    }

    private Optional<ObjectInfo> headNow(ObjectNamespace ns, ObjectKey key) {
        try {
            Blob b = storage.get(id(ns, key));
            return b == null ? Optional.empty() : Optional.of(info(key, b));
        } catch (BaseServiceException e) {
            throw GcsErrors.translate("head " + key, e);
        }
    }

    @Override
    public boolean delete(ObjectNamespace ns, ObjectKey key) {
        return CallDeadline.within(callTimeout, TYPE, "delete " + key, () -> deleteNow(ns, key));
    }

    private boolean deleteNow(ObjectNamespace ns, ObjectKey key) {
        try {
            return storage.delete(id(ns, key));
        } catch (BaseServiceException e) {
            throw GcsErrors.translate("delete " + key, e);
        }
    }

    @Override
    public northstar.domain.Page<ObjectInfo> list(ObjectNamespace ns, String prefix, PageRequest page) {
        return CallDeadline.within(callTimeout, TYPE, "list " + prefix, () -> listNow(ns, prefix, page));
    }

    private northstar.domain.Page<ObjectInfo> listNow(ObjectNamespace ns, String prefix, PageRequest page) {
        String token = page.cursor() == null ? null : Cursors.decode(LIST, page.cursor(), 1).getFirst();
        String base = ns.prefix();
        try {
            List<Storage.BlobListOption> opts = new ArrayList<>(List.of(
                    Storage.BlobListOption.prefix(base + ObjectKey.prefix(prefix)),
                    Storage.BlobListOption.pageSize(page.limit())));
            if (token != null) {
                opts.add(Storage.BlobListOption.pageToken(token));
            }
            Page<Blob> p = storage.list(bucket, opts.toArray(Storage.BlobListOption[]::new));
            List<ObjectInfo> items = new ArrayList<>();
            for (Blob b : p.getValues()) {
                items.add(info(ObjectKey.of(b.getName().substring(base.length())), b));
            }
            String next = p.getNextPageToken();
            return next == null || next.isEmpty() ? northstar.domain.Page.last(items)
                    : new northstar.domain.Page<>(items, Optional.of(Cursors.encode(LIST, next)));
        } catch (BaseServiceException e) {
            throw GcsErrors.translate("list " + prefix, e);
        }
    }

    @Override
    public PresignedRequest presignPut(ObjectNamespace ns, ObjectKey key, PresignTtl lifetime, PresignOptions options) {
        return presigner.sign(id(ns, key), key, lifetime.duration(), options);
    }

    /** All three, as signed extension headers Cloud Storage enforces. */
    @Override
    public java.util.Set<PresignOptions.Binding> presignBinds() {
        return java.util.EnumSet.allOf(PresignOptions.Binding.class);
    }

    @Override
    public String objectRef(ObjectNamespace ns, ObjectKey key) {
        return "gs://" + bucket + "/" + ns.path(key);
    }

    @Override
    public void probe() {
        CallDeadline.within(callTimeout, TYPE, "probe", this::probeNow);
    }

    private Void probeNow() {
        try {
            if (storage.get(bucket) == null) {
                throw new StoreException(ErrorCode.UNAVAILABLE, TYPE, "bucket " + bucket + " does not exist", false, null);
            }
        } catch (BaseServiceException e) {
            throw GcsErrors.translate("probe", e);
        }
        return null;
    }

    @Override
    public void close() {
        try {
            storage.close();
        } catch (Exception e) {
            // closing releases connections; nothing is lost
        }
    }
}
