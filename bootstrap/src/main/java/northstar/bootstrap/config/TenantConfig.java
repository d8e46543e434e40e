package northstar.bootstrap.config;

import java.util.List;
import northstar.domain.Mode;

/** A tenant: its mode, its default project and its API keys. */
/**
 * @param rejectUnknownUtmSources strict attribution: an event whose utm_source no contract fixes is
 *                                refused (stored as gatechainerror) instead of stored unvalidated
 */
public record TenantConfig(String tenantId, Mode mode, String projectId, List<ApiKeyConfig> apiKeys,
                           boolean rejectUnknownUtmSources) {
    public TenantConfig {
        apiKeys = List.copyOf(apiKeys);
    }

    public TenantConfig(String tenantId, Mode mode, String projectId, List<ApiKeyConfig> apiKeys) {
        this(tenantId, mode, projectId, apiKeys, false);
    }
}
