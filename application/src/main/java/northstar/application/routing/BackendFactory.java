package northstar.application.routing;

import northstar.domain.Backend;
import northstar.domain.routing.Route;

/**
 * Builds the adapter that serves one route, from the route's config alone. Throws
 * RouteConfigurationException naming the field when the config is malformed.
 */
@FunctionalInterface
public interface BackendFactory<T extends Backend> {
    T create(Route route);
}
