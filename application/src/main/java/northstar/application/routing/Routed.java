package northstar.application.routing;

import northstar.domain.Backend;
import northstar.domain.routing.Route;

/** An adapter with the route that selected it. */
public record Routed<T extends Backend>(Route route, T store) {
}
