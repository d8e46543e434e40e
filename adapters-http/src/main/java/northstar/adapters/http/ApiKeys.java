package northstar.adapters.http;

import java.util.Optional;

/**
 * The service's API keys (bootstrap keeps them as SHA-256 hashes only). The key decides the tenant:
 * nothing in a request can name another.
 */
public interface ApiKeys {
    /** The principal of a presented key, or empty when it is not a key of this service. */
    Optional<Principal> authenticate(String presentedKey);

    /** The principal a tenant's presigned uploads act as (not admin). */
    Optional<Principal> tenant(String tenantId);
}
