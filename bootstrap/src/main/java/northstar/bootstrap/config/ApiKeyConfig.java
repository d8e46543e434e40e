package northstar.bootstrap.config;

/** An API key of a tenant, kept as the SHA-256 (hex) of the key: the key itself is never stored. */
public record ApiKeyConfig(String name, String sha256, boolean admin) {
}
