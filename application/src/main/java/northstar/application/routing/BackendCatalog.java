package northstar.application.routing;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import northstar.domain.Backend;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.objects.ObjectStore;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.domain.tabular.TabularStore;

/** The backend types this process can build, per resource kind. Filled by bootstrap. */
public final class BackendCatalog {
    private final Map<ResourceKind, Map<String, BackendFactory<?>>> factories = new EnumMap<>(ResourceKind.class);

    public BackendCatalog analytics(String backendType, BackendFactory<? extends AnalyticsStore> factory) {
        return register(ResourceKind.ANALYTICS_STORE, backendType, factory);
    }

    public BackendCatalog tabular(String backendType, BackendFactory<? extends TabularStore> factory) {
        return register(ResourceKind.TABULAR_STORE, backendType, factory);
    }

    public BackendCatalog objects(String backendType, BackendFactory<? extends ObjectStore> factory) {
        return register(ResourceKind.OBJECT_STORE, backendType, factory);
    }

    private BackendCatalog register(ResourceKind kind, String backendType, BackendFactory<?> factory) {
        if (factories.computeIfAbsent(kind, k -> new TreeMap<>()).putIfAbsent(backendType, factory) != null) {
            throw new IllegalStateException(backendType + " is registered twice for " + kind.wireName());
        }
        return this;
    }

    /** Builds the adapter of a route, or fails naming the route when its backend type is unknown. */
    public Backend create(Route route) {
        Map<String, BackendFactory<?>> ofKind = factories.getOrDefault(route.resourceKind(), Map.of());
        BackendFactory<?> factory = ofKind.get(route.backendType());
        if (factory == null) {
            throw new RouteConfigurationException("unknown backend_type " + route.backendType() + " for "
                    + route.resourceKind().wireName() + "; known: " + String.join(", ", ofKind.keySet()));
        }
        return factory.create(route);
    }

    public boolean knows(ResourceKind kind, String backendType) {
        return factories.getOrDefault(kind, Map.of()).containsKey(backendType);
    }
}
