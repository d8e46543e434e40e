package northstar.bootstrap.config;

import java.util.List;
import northstar.domain.Mode;
import northstar.domain.alerts.Webhook;

/**
 * A tenant: its mode, its default project, its API keys and its webhooks.
 *
 * @param rejectUnknownUtmSources strict attribution: an event whose utm_source no contract fixes is
 *                                refused (stored as gatechainerror) instead of stored unvalidated
 * @param webhooks                where its budget alerts are posted (none: they are analytics events only)
 */
public record TenantConfig(String tenantId, Mode mode, String projectId, List<ApiKeyConfig> apiKeys,
                           boolean rejectUnknownUtmSources, List<Webhook> webhooks) {
    public TenantConfig {
        apiKeys = List.copyOf(apiKeys);
        webhooks = List.copyOf(webhooks);
    }

    public TenantConfig(String tenantId, Mode mode, String projectId, List<ApiKeyConfig> apiKeys) {
        this(tenantId, mode, projectId, apiKeys, false, List.of());
    }
}
