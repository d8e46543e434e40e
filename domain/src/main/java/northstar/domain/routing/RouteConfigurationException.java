package northstar.domain.routing;

/**
 * The routes cannot serve: a kind has no route, a backend type is unknown or a backend's config is
 * malformed. The message names the tenant, route and field. Raised at startup (the process stops)
 * and, as a hard failure, by any call that finds no route.
 */
public final class RouteConfigurationException extends RuntimeException {
    public RouteConfigurationException(String message) {
        super(message);
    }

    public RouteConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
