package northstar.domain.objects;

import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import northstar.domain.Backend;
import northstar.domain.Page;
import northstar.domain.PageRequest;

/**
 * Outbound port: blob storage (resource kind object_store).
 *
 * <p>The contract, clause by clause (checked by the ObjectStoreContract kit):
 * <ol>
 * <li><b>Streaming.</b> Bodies are streams both ways; no adapter holds a whole object in memory,
 * whatever its size.</li>
 * <li><b>Put is atomic.</b> {@link #put} stores the body under {@code namespace.path(key)},
 * replacing any object there; readers see the old object or the new one, never a partial one. It
 * returns the stored object's info with its size and SHA-256 computed from the bytes written.</li>
 * <li><b>Put checks the body.</b> When options give a content length or a SHA-256 and the body
 * does not match, or the body cannot be read to its end, put fails with INVALID_ARGUMENT and
 * nothing changes (an object already there stays as it was).</li>
 * <li><b>Put if absent.</b> With {@link PutOptions#ifAbsent()}, a put of a key that holds an
 * object fails with ALREADY_EXISTS and changes nothing; of concurrent ones, exactly one succeeds.</li>
 * <li><b>Get and head.</b> {@link #get} streams the bytes with the info (content type, size);
 * both report NOT_FOUND / empty for an absent key.</li>
 * <li><b>Delete</b> is idempotent and reports whether an object was there.</li>
 * <li><b>List</b> returns the namespace's objects whose key starts with the prefix, in UTF-8
 * binary key order, paged by an opaque cursor; every object appears exactly once across pages.</li>
 * <li><b>Presigned PUT.</b> {@link #presignPut} returns a request valid until its expiry, bound to
 * that key and the PUT method, and to what {@link #presignBinds} names of the options (content
 * type, largest body, no overwrite) where the backend can bind them; its headers are those the
 * uploader must send. A changed URL, another key or method, an expired URL, or an upload breaking
 * a bound option is refused by the backend.</li>
 * <li><b>Isolation.</b> Nothing done in one namespace is visible from another.</li>
 * <li><b>Errors.</b> Backend failures surface as UNAVAILABLE or INTERNAL; never an SDK exception.</li>
 * </ol>
 */
public interface ObjectStore extends Backend {
    ObjectInfo put(ObjectNamespace namespace, ObjectKey key, InputStream body, PutOptions options);

    ObjectContent get(ObjectNamespace namespace, ObjectKey key);

    Optional<ObjectInfo> head(ObjectNamespace namespace, ObjectKey key);

    boolean delete(ObjectNamespace namespace, ObjectKey key);

    Page<ObjectInfo> list(ObjectNamespace namespace, String prefix, PageRequest page);

    PresignedRequest presignPut(ObjectNamespace namespace, ObjectKey key, PresignTtl ttl, PresignOptions options);

    /** As above, for a lifetime that must make a {@link PresignTtl}. */
    default PresignedRequest presignPut(ObjectNamespace namespace, ObjectKey key, Duration ttl, PresignOptions options) {
        return presignPut(namespace, key, new PresignTtl(ttl), options);
    }

    /** As above, with the default options for the content type (32 MiB at most, no overwrite). */
    default PresignedRequest presignPut(ObjectNamespace namespace, ObjectKey key, Duration ttl, String contentType) {
        return presignPut(namespace, key, new PresignTtl(ttl), PresignOptions.of(contentType));
    }

    /** What this backend's presigned URLs enforce of their {@link PresignOptions}. */
    java.util.Set<PresignOptions.Binding> presignBinds();

    /** The URI by which the design refers to an object: s3://..., az://..., gs://..., fs://{root}/... for the filesystem store (never a server path) */
    String objectRef(ObjectNamespace namespace, ObjectKey key);
}
