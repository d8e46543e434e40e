package northstar.bootstrap.config;

import java.util.List;
import northstar.domain.Mode;

/** A tenant: its mode, its default project and its API keys. */
public record TenantConfig(String tenantId, Mode mode, String projectId, List<ApiKeyConfig> apiKeys) {
    public TenantConfig {
        apiKeys = List.copyOf(apiKeys);
    }
}
