package northstar.bootstrap.config;

/** An API key of a tenant, kept as the SHA-256 (hex) of the key: the key itself is never stored. */
/** @param projects the projects the key may act in; empty: any project of its tenant */
public record ApiKeyConfig(String name, String sha256, boolean admin, java.util.List<String> projects) {
    public ApiKeyConfig {
        projects = java.util.List.copyOf(projects);
    }

    public ApiKeyConfig(String name, String sha256, boolean admin) {
        this(name, sha256, admin, java.util.List.of());
    }
}
