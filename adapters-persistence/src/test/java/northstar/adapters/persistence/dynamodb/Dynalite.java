package northstar.adapters.persistence.dynamodb;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.testkit.servers.LocalServer;

/** Routes on a dynalite server; each test gets a table of its own, created by the adapter (create_table). */
final class Dynalite {
    private Dynalite() {
    }

    static Route route(LocalServer server, ResourceKind kind, String table) {
        return new Route(kind, "dynamodb", Map.of("table_name", table, "region", "eu-west-1", "endpoint",
                server.endpoint(), "credentials", "static", "access_key_id", "test", "secret_access_key", "test"));
    }

    private static Route creating(LocalServer server, ResourceKind kind, String prefix) {
        Map<String, String> config = new HashMap<>(route(server, kind, prefix + UUID.randomUUID().toString()
                .replace("-", "")).config());
        config.put("create_table", "true");
        return new Route(kind, "dynamodb", config);
    }

    static Route newAnalyticsTable(LocalServer server) {
        return creating(server, ResourceKind.ANALYTICS_STORE, "analytics_");
    }

    static Route newTabularTable(LocalServer server) {
        return creating(server, ResourceKind.TABULAR_STORE, "tabular_");
    }
}
