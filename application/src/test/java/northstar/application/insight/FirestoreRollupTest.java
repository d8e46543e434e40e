package northstar.application.insight;

import java.util.Map;
import java.util.UUID;
import northstar.adapters.persistence.firestore.FirestoreAnalyticsStore;
import northstar.adapters.persistence.firestore.FirestoreTabularStore;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.tabular.TabularStore;
import northstar.testkit.servers.LocalServer;

/** The rollup kit on Firestore, against Google's emulator; a project of its own. */
class FirestoreRollupTest extends RollupContract {
    private String project;

    private Route route(ResourceKind kind) {
        if (project == null) {
            project = "p" + UUID.randomUUID().toString().substring(0, 8);
        }
        return new Route(kind, "firestore", Map.of("project", project, "emulator_host",
                LocalServer.firestore().hostAndPort()));
    }

    @Override
    protected AnalyticsStore newAnalyticsStore(java.nio.file.Path dir) {
        project = null;
        return new FirestoreAnalyticsStore(route(ResourceKind.ANALYTICS_STORE));
    }

    @Override
    protected TabularStore newTabularStore(java.nio.file.Path dir) {
        return new FirestoreTabularStore(route(ResourceKind.TABULAR_STORE));
    }

    @Override
    protected String backendType() {
        return "firestore";
    }
}
