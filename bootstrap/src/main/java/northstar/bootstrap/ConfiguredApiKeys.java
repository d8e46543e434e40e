package northstar.bootstrap;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import northstar.adapters.http.ApiKeys;
import northstar.adapters.http.Principal;
import northstar.bootstrap.config.ApiKeyConfig;
import northstar.bootstrap.config.Secrets;
import northstar.bootstrap.config.ServiceConfig;
import northstar.bootstrap.config.TenantConfig;

/** The configured API keys, known by their SHA-256 only: a presented key is hashed and looked up. */
final class ConfiguredApiKeys implements ApiKeys {
    private final Map<String, Principal> byHash = new HashMap<>();
    private final Map<String, Principal> byTenant = new HashMap<>();

    ConfiguredApiKeys(ServiceConfig config) {
        for (TenantConfig t : config.tenants()) {
            byTenant.put(t.tenantId(), new Principal(t.tenantId(), t.mode(), config.env(), t.projectId(), false));
            for (ApiKeyConfig k : t.apiKeys()) {
                // a key that lists its projects defaults to the tenant's project if listed, else to its first
                String home = k.projects().isEmpty() || k.projects().contains(t.projectId()) ? t.projectId()
                        : k.projects().getFirst();
                byHash.put(k.sha256(), new Principal(t.tenantId(), t.mode(), config.env(), home, k.admin(),
                        java.util.Set.copyOf(k.projects())));
            }
        }
    }

    @Override
    public Optional<Principal> authenticate(String presentedKey) {
        return Optional.ofNullable(byHash.get(Secrets.sha256Hex(presentedKey)));
    }

    @Override
    public Optional<Principal> tenant(String tenantId) {
        return Optional.ofNullable(byTenant.get(tenantId));
    }
}
