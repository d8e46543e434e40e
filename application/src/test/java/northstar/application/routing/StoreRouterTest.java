package northstar.application.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import northstar.domain.Backend;
import northstar.domain.objects.ObjectStore;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.domain.routing.RoutingTable;
import northstar.domain.tabular.TabularStore;
import org.junit.jupiter.api.Test;

class StoreRouterTest {
    final List<String> closed = new ArrayList<>();

    /** Proxies stand in for adapters: routing only builds, hands out and closes them. */
    <T extends Backend> T adapter(Class<T> port, String name) {
        return port.cast(java.lang.reflect.Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port},
                (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> closed.add(name);
                    case "backendType" -> name;
                    case "toString" -> name;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                }));
    }

    @Test
    void aFailingRouteClosesTheAdaptersBuiltBeforeIt() {
        BackendCatalog catalog = new BackendCatalog()
                .tabular("mem", r -> adapter(TabularStore.class, "tabular"))
                .objects("broken", r -> {
                    throw new RouteConfigurationException(r.describe() + ": config.bucket is required");
                });
        RoutingTable routes = RoutingTable.of(new Route(ResourceKind.TABULAR_STORE, "mem", Map.of()),
                new Route(ResourceKind.OBJECT_STORE, "broken", Map.of()));

        assertThatThrownBy(() -> new StoreRouter(routes, catalog)).hasMessageContaining("config.bucket");
        assertThat(closed).containsExactly("tabular");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void anAdapterThatDoesNotServeItsRoutesKindIsRefused() {
        BackendFactory objectsPretendingToBeTabular = r -> adapter(ObjectStore.class, "objects");
        BackendCatalog catalog = new BackendCatalog().tabular("odd", objectsPretendingToBeTabular);

        assertThatThrownBy(() -> new StoreRouter(RoutingTable.of(new Route(ResourceKind.TABULAR_STORE, "odd", Map.of())),
                catalog)).isInstanceOf(RouteConfigurationException.class).hasMessageContaining("does not serve that kind");
        assertThat(closed).containsExactly("objects");
    }
}
