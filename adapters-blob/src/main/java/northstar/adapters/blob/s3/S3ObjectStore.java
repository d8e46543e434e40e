package northstar.adapters.blob.s3;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import northstar.adapters.blob.body.BlockBuffers;
import northstar.adapters.blob.body.BodyCheck;
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
import northstar.domain.objects.PutOptions;
import northstar.domain.routing.Route;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The ObjectStore on one S3 bucket (config.bucket), objects at {@code tenants/{t}/{env}/raw/{key}}.
 * A put streams: a body that fits in one part (config.part_size_mb, default 8) is one PutObject; a
 * larger one is a multipart upload, one part in memory at a time, aborted on any failure so nothing
 * partial is ever visible. Every part carries its x-amz-checksum-sha256, so S3 itself verifies the
 * bytes; the object's own SHA-256 (hex) is kept as metadata sha256 when the body fits in one part
 * (a multipart object's head reports no sha256: S3 knows only its parts' checksums).
 */
public final class S3ObjectStore implements ObjectStore {
    public static final String TYPE = "s3";
    private static final String LIST = "s1";
    private static final String SHA_META = "sha256";

    private final S3Client client;
    private final S3Presigner presigner;
    private final String bucket;
    private final int partSize;
    /** Part buffers reused across puts. */
    private final BlockBuffers buffers;
    private final ExecutorService heads = Executors.newVirtualThreadPerTaskExecutor();

    public S3ObjectStore(Route route) {
        this(S3Settings.parse(route));
    }

    public S3ObjectStore(S3Settings settings) {
        this(settings, null);
    }

    /** @param chain the AWS provider chain a route naming credentials default uses (built by bootstrap), else null */
    public S3ObjectStore(S3Settings settings, software.amazon.awssdk.auth.credentials.AwsCredentialsProvider chain) {
        S3Clients.Built built = S3Clients.build(settings, chain);
        this.client = built.client();
        this.presigner = built.presigner();
        this.bucket = settings.bucket();
        this.partSize = settings.partSize();
        this.buffers = new BlockBuffers(partSize);
        if (settings.createBucket()) {
            createBucketIfMissing();
        }
    }

    /** Creates the route's bucket unless it is there; another instance creating it meanwhile is fine. */
    private void createBucketIfMissing() {
        try {
            try {
                client.headBucket(r -> r.bucket(bucket));
                return;
            } catch (NoSuchBucketException missing) {
                // create it below
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
            }
            client.createBucket(r -> r.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException createdMeanwhile) {
            // a second instance of this service, starting beside this one, made it first
        } catch (SdkException e) {
            throw S3Errors.translate("create bucket", e);
        }
    }

    @Override
    public String backendType() {
        return TYPE;
    }

    @Override
    public ObjectInfo put(ObjectNamespace ns, ObjectKey key, InputStream body, PutOptions options) {
        String path = ns.path(key);
        BodyCheck check = new BodyCheck(options, TYPE);
        try (BodyCheck.Filled first = check.fill(body, partSize, buffers)) {
            byte[] buf = first.bytes();
            int n = first.length();
            if (first.ended()) {
                check.add(buf, n);
                String hex = check.finish();
                // one part: the object's own SHA-256 is the part's checksum, computed once
                byte[] partSha = java.util.HexFormat.of().parseHex(hex);
                client.putObject(r -> r.bucket(bucket).key(path).contentType(options.contentType()).contentLength((long) n)
                                .checksumAlgorithm(ChecksumAlgorithm.SHA256).ifNoneMatch(options.ifAbsent() ? "*" : null)
                                .checksumSHA256(Base64.getEncoder().encodeToString(partSha)).metadata(Map.of(SHA_META, hex)),
                        RequestBody.fromInputStream(new ByteArrayInputStream(buf, 0, n), n));
                first.done(null); // the request has completed
                return head(ns, key).orElseThrow(() -> new StoreException(ErrorCode.UNAVAILABLE, "s3",
                        "object " + key + " vanished after its put", true, null));
            }
            return multipart(ns, key, path, body, first, check, options);
        } catch (S3Exception e) {
            if (options.ifAbsent() && (e.statusCode() == 412 || e.statusCode() == 409)) {
                // 412: the key holds an object; 409: another conditional put of it is in progress. When
                // the object there is these very bytes, it is this put's own (the SDK resent a request
                // whose first answer was lost): the put succeeded once, and says so
                String ours = check.finished();
                Optional<ObjectInfo> there = ours == null ? Optional.empty() : head(ns, key);
                if (there.isPresent() && ours.equals(there.get().sha256())) {
                    return there.get();
                }
                throw new StoreException(ErrorCode.ALREADY_EXISTS, TYPE, "object " + key + " already exists", false, e);
            }
            throw S3Errors.translate("put " + key, e);
        } catch (SdkException e) {
            throw S3Errors.translate("put " + key, e);
        }
    }

    private ObjectInfo multipart(ObjectNamespace ns, ObjectKey key, String path, InputStream body, BodyCheck.Filled filled,
                                 BodyCheck check, PutOptions options) {
        byte[] buf = filled.bytes();
        int first = filled.length();
        String uploadId = client.createMultipartUpload(r -> r.bucket(bucket).key(path).contentType(options.contentType())
                .checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (int n = first, part = 1; n > 0; n = check.read(body, buf), part++) {
                check.add(buf, n);
                String partSha = Base64.getEncoder().encodeToString(BodyCheck.digest("SHA-256", buf, n));
                int number = part;
                int length = n;
                var uploaded = client.uploadPart(r -> r.bucket(bucket).key(path).uploadId(uploadId).partNumber(number)
                                .contentLength((long) length).checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(partSha),
                        RequestBody.fromInputStream(new ByteArrayInputStream(buf, 0, length), length));
                parts.add(CompletedPart.builder().partNumber(number).eTag(uploaded.eTag())
                        .checksumSHA256(uploaded.checksumSHA256()).build());
            }
            filled.done(null); // every part is uploaded: no request reads the buffer any more
            String hex = check.finish();
            client.completeMultipartUpload(r -> r.bucket(bucket).key(path).uploadId(uploadId)
                    .ifNoneMatch(options.ifAbsent() ? "*" : null).multipartUpload(m -> m.parts(parts)));
            ObjectInfo stored = head(ns, key).orElseThrow(() -> new StoreException(ErrorCode.UNAVAILABLE, "s3",
                    "object " + key + " vanished after its put", true, null));
            return new ObjectInfo(stored.key(), stored.size(), stored.contentType(), hex, stored.lastModified(),
                    stored.etag());
        } catch (RuntimeException e) {
            try {
                client.abortMultipartUpload(r -> r.bucket(bucket).key(path).uploadId(uploadId));
            } catch (SdkException abort) {
                e.addSuppressed(abort);
            }
            throw e;
        }
    }

    @Override
    public ObjectContent get(ObjectNamespace ns, ObjectKey key) {
        try {
            ResponseInputStream<GetObjectResponse> in = client.getObject(r -> r.bucket(bucket).key(ns.path(key)));
            GetObjectResponse r = in.response();
            return new ObjectContent(new ObjectInfo(key, r.contentLength(), contentType(r.contentType()),
                    r.metadata().get(SHA_META), r.lastModified(), r.eTag()), in);
        } catch (NoSuchKeyException e) {
            throw StoreException.notFound("object " + key);
        } catch (SdkException e) {
            throw S3Errors.translate("get " + key, e);
        }
    }

    @Override
    public Optional<ObjectInfo> head(ObjectNamespace ns, ObjectKey key) {
        try {
            HeadObjectResponse r = client.headObject(h -> h.bucket(bucket).key(ns.path(key)));
            return Optional.of(new ObjectInfo(key, r.contentLength(), contentType(r.contentType()),
                    r.metadata().get(SHA_META), r.lastModified(), r.eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw S3Errors.translate("head " + key, e);
        } catch (SdkException e) {
            throw S3Errors.translate("head " + key, e);
        }
    }

    private static String contentType(String t) {
        return t == null ? PutOptions.OCTET_STREAM : t;
    }

    @Override
    public boolean delete(ObjectNamespace ns, ObjectKey key) {
        boolean existed = head(ns, key).isPresent();
        try {
            client.deleteObject(r -> r.bucket(bucket).key(ns.path(key)));
            return existed;
        } catch (SdkException e) {
            throw S3Errors.translate("delete " + key, e);
        }
    }

    @Override
    public Page<ObjectInfo> list(ObjectNamespace ns, String prefix, PageRequest page) {
        String after = page.cursor() == null ? null : Cursors.decode(LIST, page.cursor(), 1).getFirst();
        String base = ns.prefix();
        try {
            var response = client.listObjectsV2(r -> {
                r.bucket(bucket).prefix(base + ObjectKey.prefix(prefix)).maxKeys(page.limit() + 1);
                if (after != null) {
                    r.startAfter(base + after);
                }
            });
            List<S3Object> found = response.contents();
            List<S3Object> shown = found.subList(0, Math.min(found.size(), page.limit()));
            // a listing carries no content type or checksum: each shown object's head does
            List<Future<Optional<ObjectInfo>>> infos = new ArrayList<>();
            for (S3Object o : shown) {
                ObjectKey k = ObjectKey.of(o.key().substring(base.length()));
                infos.add(heads.submit(() -> head(ns, k)));
            }
            List<ObjectInfo> items = new ArrayList<>();
            for (var f : infos) {
                await(f).ifPresent(items::add);
            }
            return found.size() > page.limit()
                    ? new Page<>(items, Optional.of(Cursors.encode(LIST, shown.getLast().key().substring(base.length()))))
                    : Page.last(items);
        } catch (SdkException e) {
            throw S3Errors.translate("list " + prefix, e);
        }
    }

    private static Optional<ObjectInfo> await(Future<Optional<ObjectInfo>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(ErrorCode.UNAVAILABLE, "s3", "list interrupted", true, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new StoreException(ErrorCode.INTERNAL, "s3", "list failed", false, e.getCause());
        }
    }

    @Override
    public PresignedRequest presignPut(ObjectNamespace ns, ObjectKey key, PresignTtl lifetime, PresignOptions options) {
        Duration ttl = lifetime.duration();
        try {
            // If-None-Match: * is a signed header: the uploader must send it, and S3 refuses (412) a key that holds an object
            var signed = presigner.presignPutObject(p -> p.signatureDuration(ttl)
                    .putObjectRequest(r -> r.bucket(bucket).key(ns.path(key)).contentType(options.contentType())
                            .ifNoneMatch(options.overwrite() ? null : "*")));
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            signed.signedHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("host")) {
                    String shown = name.equalsIgnoreCase("content-type") ? "Content-Type"
                            : name.equalsIgnoreCase("if-none-match") ? "If-None-Match" : name;
                    headers.put(shown, String.join(",", values));
                }
            });
            return new PresignedRequest(signed.url().toString(), "PUT", Map.copyOf(headers), signed.expiration());
        } catch (SdkException e) {
            throw S3Errors.translate("presign " + key, e);
        }
    }

    /**
     * Content type and no-overwrite, both signed headers. A presigned PUT cannot bound its body below
     * S3's 5 GiB (only a POST policy's content-length-range can): the service's own upload limits
     * do not apply to a body sent straight to S3.
     */
    @Override
    public java.util.Set<PresignOptions.Binding> presignBinds() {
        return java.util.EnumSet.of(PresignOptions.Binding.CONTENT_TYPE, PresignOptions.Binding.NO_OVERWRITE);
    }

    @Override
    public String objectRef(ObjectNamespace ns, ObjectKey key) {
        return "s3://" + bucket + "/" + ns.path(key);
    }

    @Override
    public void probe() {
        try {
            client.headBucket(r -> r.bucket(bucket));
        } catch (SdkException e) {
            throw S3Errors.translate("probe", e);
        }
    }

    @Override
    public void close() {
        heads.shutdown();
        presigner.close();
        client.close();
    }
}
