package northstar.bootstrap.config;

/** The configuration cannot be used; the message names the file's field (config.tenants[1].mode). */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
