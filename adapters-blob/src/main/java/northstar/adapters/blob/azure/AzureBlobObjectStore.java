package northstar.adapters.blob.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.Configuration;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.core.util.HttpClientOptions;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import northstar.domain.routing.RouteConfigurationException;

/**
 * The ObjectStore on one Azure Blob container (config.container), blobs at
 * {@code tenants/{t}/{env}/raw/{key}}. A body that fits in one block is one Put Blob request; a
 * larger one is staged as blocks (config.block_size_mb,
 * default 4; one block in memory at a time), each with its Content-MD5 so the service checks every
 * block, then commits the block list once: nothing is visible before the commit, and a failed put
 * commits nothing. The body's SHA-256 is computed while streaming and stored as metadata sha256.
 * The client reads nothing from the environment (Configuration.NONE); the credential is the route's
 * explicit choice, exactly one of: config.connection_string (with the account key, which also signs
 * SAS URLs), or config.endpoint (the account's https blob endpoint) + config.credential naming a
 * token credential (built by bootstrap from the same config), in which case SAS URLs are user
 * delegation SAS signed with a user delegation key fetched with that credential and cached until
 * shortly before it expires.
 */
public final class AzureBlobObjectStore implements ObjectStore {
    public static final String TYPE = "azure_blob";
    private static final String LIST = "z1";
    private static final String SHA_META = "sha256";

    private final BlobContainerClient container;
    private final int blockSize;
    /** Block buffers reused across puts. */
    private final BlockBuffers buffers;
    private final AzureSasSigner sas;

    public AzureBlobObjectStore(Route route) {
        this(route, null);
    }

    /** @param token the token credential config.credential names (built by bootstrap), or null */
    public AzureBlobObjectStore(Route route, TokenCredential token) {
        this(AzureBlobSettings.parse(route), token, route.describe());
    }

    /** @param token the token credential the settings name (built by bootstrap), or null */
    public AzureBlobObjectStore(AzureBlobSettings settings, TokenCredential token, String route) {
        if (settings.tokenCredential() != (token != null)) {
            throw new IllegalArgumentException(route + ": a token credential is given exactly when config.credential "
                    + "names one");
        }
        boolean delegated = token != null;
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder().configuration(Configuration.NONE)
                .retryOptions(retries(settings)).clientOptions(transport(settings));
        try {
            if (delegated) {
                builder.endpoint(settings.endpoint().orElseThrow()).credential(token);
            } else {
                builder.connectionString(settings.connectionString().orElseThrow().reveal());
            }
            this.container = builder.buildClient().getBlobContainerClient(settings.container());
        } catch (IllegalArgumentException e) {
            throw new RouteConfigurationException(route + ": config." + (delegated ? "endpoint" : "connection_string")
                    + " is malformed");
        }
        this.sas = new AzureSasSigner(container, delegated, container.getBlobContainerUrl().startsWith("https:"));
        this.blockSize = settings.blockSize();
        this.buffers = new BlockBuffers(blockSize);
        if (settings.createContainer()) {
            try {
                container.createIfNotExists();
            } catch (RuntimeException e) {
                throw AzureErrors.translate("create container", e);
            }
        }
    }

    /** Bounded waits from the route: attempts, and how long one attempt may take (a 1 GiB block list included). */
    private static RequestRetryOptions retries(AzureBlobSettings s) {
        return new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, s.maxAttempts(), s.attemptTimeout(),
                Duration.ofMillis(200), Duration.ofSeconds(2), null);
    }

    /**
     * The transport's own timeouts, so that one hung try ends even where the retry policy's try timeout
     * is not applied (the synchronous client): no answer, no byte read or written, for an attempt's time.
     */
    private static HttpClientOptions transport(AzureBlobSettings s) {
        Duration attempt = s.attemptTimeout();
        return new HttpClientOptions().setConnectTimeout(s.connectTimeout()).setResponseTimeout(attempt)
                .setReadTimeout(attempt).setWriteTimeout(attempt);
    }

    @Override
    public String backendType() {
        return TYPE;
    }

    private BlobClient blob(ObjectNamespace ns, ObjectKey key) {
        return container.getBlobClient(ns.path(key));
    }

    @Override
    public ObjectInfo put(ObjectNamespace ns, ObjectKey key, InputStream body, PutOptions options) {
        BlockBlobClient target = blob(ns, key).getBlockBlobClient();
        BodyCheck check = new BodyCheck(options, TYPE);
        List<String> blocks = new ArrayList<>();
        String upload = java.util.UUID.randomUUID().toString();
        try (BodyCheck.Filled filled = check.fill(body, blockSize, buffers)) {
            byte[] buf = filled.bytes();
            int first = filled.length();
            if (filled.ended()) {
                return filled.done(putSingle(ns, key, target, buf, first, check, options));
            }
            for (int n = first; n > 0; n = check.read(body, buf)) {
                check.add(buf, n);
                String id = Base64.getEncoder().encodeToString((upload + String.format("-%06d", blocks.size()))
                        .getBytes(StandardCharsets.US_ASCII));
                target.stageBlockWithResponse(id, new ByteArrayInputStream(buf, 0, n), n, BodyCheck.digest("MD5", buf, n),
                        null, null, null);
                blocks.add(id);
            }
            filled.done(null); // every block is staged: no request reads the buffer any more
            String hex = check.finish();
            // staged blocks nobody commits are discarded by the service: a failed put leaves nothing visible
            try {
                target.commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(blocks)
                        .setHeaders(new BlobHttpHeaders().setContentType(options.contentType()))
                        .setMetadata(Map.of(SHA_META, hex)).setRequestConditions(conditions(options)), null, null);
            } catch (BlobStorageException e) {
                if (options.ifAbsent() && "InvalidBlockList".equals(String.valueOf(e.getErrorCode()))) {
                    throw exists(key, e); // another put committed the blob while ours staged
                }
                if ("InvalidBlockList".equals(String.valueOf(e.getErrorCode()))) {
                    // another put of this blob committed while ours staged: Azure discarded our blocks
                    throw new StoreException(ErrorCode.UNAVAILABLE, TYPE, "another put of " + key
                            + " committed first; retry", true, e);
                }
                throw e;
            }
            return head(ns, key).orElseThrow(() -> new StoreException(ErrorCode.UNAVAILABLE, TYPE,
                    "blob " + key + " vanished after its put", true, null));
        } catch (BlobStorageException e) {
            if (options.ifAbsent() && (e.getStatusCode() == 409 || e.getStatusCode() == 412)) {
                throw exists(key, e);
            }
            throw AzureErrors.translate("put " + key, e);
        } catch (RuntimeException e) {
            throw AzureErrors.translate("put " + key, e);
        }
    }

    /** If-None-Match: * for a put only if absent (the service answers 409 BlobAlreadyExists or 412). */
    private static BlobRequestConditions conditions(PutOptions options) {
        return options.ifAbsent() ? new BlobRequestConditions().setIfNoneMatch("*") : null;
    }

    private static StoreException exists(ObjectKey key, RuntimeException cause) {
        return new StoreException(ErrorCode.ALREADY_EXISTS, TYPE, "object " + key + " already exists", false, cause);
    }

    /** A body that fits in one block is one Put Blob request: atomic, and safe against concurrent puts. */
    private ObjectInfo putSingle(ObjectNamespace ns, ObjectKey key, BlockBlobClient target, byte[] buf, int n,
                                 BodyCheck check, PutOptions options) {
        check.add(buf, n);
        String hex = check.finish();
        target.uploadWithResponse(new BlockBlobSimpleUploadOptions(new ByteArrayInputStream(buf, 0, n), n)
                .setHeaders(new BlobHttpHeaders().setContentType(options.contentType())).setMetadata(Map.of(SHA_META, hex))
                .setContentMd5(BodyCheck.digest("MD5", buf, n)).setRequestConditions(conditions(options)), null, null);
        return head(ns, key).orElseThrow(() -> new StoreException(ErrorCode.UNAVAILABLE, TYPE,
                "blob " + key + " vanished after its put", true, null));
    }

    @Override
    public ObjectContent get(ObjectNamespace ns, ObjectKey key) {
        BlobClient b = blob(ns, key);
        try {
            BlobProperties p = b.getProperties();
            return new ObjectContent(info(key, p), b.openInputStream());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                throw StoreException.notFound("object " + key);
            }
            throw AzureErrors.translate("get " + key, e);
        } catch (RuntimeException e) {
            throw AzureErrors.translate("get " + key, e);
        }
    }

    private static ObjectInfo info(ObjectKey key, BlobProperties p) {
        return new ObjectInfo(key, p.getBlobSize(), p.getContentType() == null ? PutOptions.OCTET_STREAM
                : p.getContentType(), p.getMetadata() == null ? null : p.getMetadata().get(SHA_META),
                p.getLastModified().toInstant(), p.getETag());
    }

    @Override
    public Optional<ObjectInfo> head(ObjectNamespace ns, ObjectKey key) {
        try {
            return Optional.of(info(key, blob(ns, key).getProperties()));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw AzureErrors.translate("head " + key, e);
        } catch (RuntimeException e) {
            throw AzureErrors.translate("head " + key, e);
        }
    }

    @Override
    public boolean delete(ObjectNamespace ns, ObjectKey key) {
        try {
            return blob(ns, key).deleteIfExists();
        } catch (RuntimeException e) {
            throw AzureErrors.translate("delete " + key, e);
        }
    }

    @Override
    public Page<ObjectInfo> list(ObjectNamespace ns, String prefix, PageRequest page) {
        String token = page.cursor() == null ? null : Cursors.decode(LIST, page.cursor(), 1).getFirst();
        String base = ns.prefix();
        try {
            ListBlobsOptions options = new ListBlobsOptions().setPrefix(base + ObjectKey.prefix(prefix))
                    .setMaxResultsPerPage(page.limit()).setDetails(new BlobListDetails().setRetrieveMetadata(true));
            PagedResponse<BlobItem> response = container.listBlobs(options, token, null).iterableByPage(token,
                    page.limit()).iterator().next();
            List<ObjectInfo> items = new ArrayList<>();
            for (BlobItem item : response.getValue()) {
                var p = item.getProperties();
                items.add(new ObjectInfo(ObjectKey.of(item.getName().substring(base.length())), p.getContentLength(),
                        p.getContentType() == null ? PutOptions.OCTET_STREAM : p.getContentType(),
                        item.getMetadata() == null ? null : item.getMetadata().get(SHA_META),
                        p.getLastModified().toInstant(), p.getETag()));
            }
            String next = response.getContinuationToken();
            return next == null || next.isEmpty() ? Page.last(items) : new Page<>(items, Optional.of(Cursors.encode(LIST, next)));
        } catch (RuntimeException e) {
            throw AzureErrors.translate("list " + prefix, e);
        }
    }

    @Override
    public PresignedRequest presignPut(ObjectNamespace ns, ObjectKey key, PresignTtl lifetime, PresignOptions options) {
        return sas.sign(blob(ns, key), key, lifetime.duration(), options);
    }

    /**
     * None: a service SAS grants create and write on one blob until its expiry, and cannot bind a
     * request header, a body size or a condition. An uploader holding the URL may send another
     * Content-Type, any size up to Azure's own limit, and overwrite the blob; hand such URLs only to
     * uploaders trusted with that much (docs/AZURE.md).
     */
    @Override
    public java.util.Set<PresignOptions.Binding> presignBinds() {
        return java.util.EnumSet.noneOf(PresignOptions.Binding.class);
    }

    @Override
    public String objectRef(ObjectNamespace ns, ObjectKey key) {
        return "az://" + container.getBlobContainerName() + "/" + ns.path(key);
    }

    @Override
    public void probe() {
        try {
            if (!container.exists()) {
                throw new StoreException(ErrorCode.UNAVAILABLE, TYPE, "container " + container.getBlobContainerName()
                        + " does not exist", false, null);
            }
        } catch (RuntimeException e) {
            throw AzureErrors.translate("probe", e);
        }
    }

    @Override
    public void close() {
        // the SDK's HTTP client is shared and closed with the JVM; nothing per route to release
    }
}
