package northstar.adapters.blob.azure;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.UserDelegationKey;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.sas.SasProtocol;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import northstar.domain.ErrorCode;
import northstar.domain.StoreException;
import northstar.domain.objects.ObjectKey;
import northstar.domain.objects.PresignOptions;
import northstar.domain.objects.PresignedRequest;

/**
 * SAS URLs for one blob: signed with the account key of the route's connection string, or, with a
 * token credential, user delegation SAS signed with a user delegation key fetched with that token
 * and cached until shortly before it expires.
 */
final class AzureSasSigner {
    /** A user delegation key lives at most 7 days; one is fetched for that long and reused. */
    private static final Duration DELEGATION_KEY_LIFE = Duration.ofDays(7);

    private final BlobContainerClient container;
    private final boolean delegated;
    private final boolean https;
    private volatile UserDelegationKey delegationKey;

    AzureSasSigner(BlobContainerClient container, boolean delegated, boolean https) {
        this.container = container;
        this.delegated = delegated;
        this.https = https;
    }

    PresignedRequest sign(BlobClient b, ObjectKey key, Duration ttl, PresignOptions options) {
        String contentType = options.contentType();
        OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(ttl).withNano(0);
        try {
            UserDelegationKey signingKey = null;
            if (delegated) {
                signingKey = delegationKey(expires);
                // a SAS cannot outlive its key; a key lives at most 7 days, so the longest SAS ends with it
                if (signingKey.getSignedExpiry().isBefore(expires)) {
                    expires = signingKey.getSignedExpiry();
                }
            }
            BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(expires,
                    new BlobSasPermission().setCreatePermission(true).setWritePermission(true))
                    .setProtocol(https ? SasProtocol.HTTPS_ONLY : SasProtocol.HTTPS_HTTP);
            String sas = delegated ? b.generateUserDelegationSas(values, signingKey) : b.generateSas(values);
            // a SAS binds no header: If-None-Match is advice to a well-behaved uploader, not a bound (presignBinds)
            Map<String, String> headers = new java.util.LinkedHashMap<>(Map.of("x-ms-blob-type", "BlockBlob",
                    "Content-Type", contentType));
            if (!options.overwrite()) {
                headers.put("If-None-Match", "*");
            }
            return new PresignedRequest(b.getBlobUrl() + "?" + sas, "PUT", headers, expires.toInstant());
        } catch (IllegalStateException e) {
            throw new StoreException(ErrorCode.INTERNAL, AzureBlobObjectStore.TYPE, "cannot sign for " + key
                    + ": the route's connection string must carry the account key", false, e);
        } catch (RuntimeException e) {
            // the delegation key is fetched from Azure with the route's token: its failures are Azure's
            throw AzureErrors.translate("sign for " + key, e);
        }
    }

    /**
     * A user delegation key for a SAS ending at expires: the cached one while it lasts that long, else
     * a new one, fetched with the route's token and valid as long as Azure allows (7 days).
     */
    private UserDelegationKey delegationKey(OffsetDateTime expires) {
        UserDelegationKey k = delegationKey;
        if (k != null && !k.getSignedExpiry().isBefore(expires)) {
            return k;
        }
        synchronized (this) {
            k = delegationKey;
            if (k == null || k.getSignedExpiry().isBefore(expires)) {
                // started a minute in the past: the service's clock may run behind ours
                OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).withNano(0).minusMinutes(1);
                k = container.getServiceClient().getUserDelegationKey(start, start.plus(DELEGATION_KEY_LIFE));
                delegationKey = k;
            }
            return k;
        }
    }
}
