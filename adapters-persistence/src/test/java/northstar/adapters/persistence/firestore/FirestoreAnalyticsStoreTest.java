package northstar.adapters.persistence.firestore;

import static northstar.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import northstar.domain.analytics.AnalyticsRecord;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.testkit.AnalyticsStoreContract;
import northstar.testkit.Fixtures;
import northstar.testkit.servers.LocalServer;
import org.junit.jupiter.api.Test;

/**
 * The AnalyticsStore contract on Firestore: the real client against Google's Cloud Firestore
 * emulator (each store a project of its own). The composite-index check the emulator cannot make is
 * FirestoreIndexesTest.
 */
class FirestoreAnalyticsStoreTest extends AnalyticsStoreContract {
    static final LocalServer EMULATOR = LocalServer.firestore();

    @Override
    protected AnalyticsStore newStore() {
        return new FirestoreAnalyticsStore(FirestoreRoutes.route(EMULATOR.hostAndPort(), ResourceKind.ANALYTICS_STORE,
                Map.of()));
    }

    /** One tenant's time-ordered burst lands on every shard and all over the name index. */
    @Test
    void aTenantsBurstIsSpreadOverShardsAndDocumentNames() {
        Route route = FirestoreRoutes.route(EMULATOR.hostAndPort(), ResourceKind.ANALYTICS_STORE, Map.of());
        try (var s = new FirestoreAnalyticsStore(route)) {
            List<AnalyticsRecord> burst = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                burst.add(Fixtures.record("bursty", String.format("evt-%04d", i), T0.plusMillis(i)));
            }
            s.ingest(burst);
        }
        var docs = FirestoreRoutes.documents(route, "analytics/bursty/events");
        assertThat(docs).hasSize(200);
        assertThat(docs.stream().map(d -> d.getLong("shard")).distinct()).hasSize(8);
        assertThat(docs.stream().map(d -> d.getId().substring(0, 2)).distinct().count()).isGreaterThan(100);
    }

    /** Expiry is Firestore's TTL policy on expire_at (docs/GOOGLE.md); the adapter writes the field when told to. */
    @Test
    void eventsCarryAnExpiryWhenTheRouteSetsATimeToLive() {
        Route route = FirestoreRoutes.route(EMULATOR.hostAndPort(), ResourceKind.ANALYTICS_STORE, Map.of("ttl_days", "30"));
        try (var s = new FirestoreAnalyticsStore(route)) {
            s.ingest(List.of(Fixtures.record("t1", "e1", T0)));
        }
        var doc = FirestoreRoutes.documents(route, "analytics/t1/events").stream()
                .filter(d -> d.getId().equals(FirestoreAnalyticsStore.documentId("e1"))).findFirst().orElseThrow();
        assertThat(doc.getTimestamp("expire_at").getSeconds()).isEqualTo(T0.plusSeconds(30L * 86_400).getEpochSecond());
    }
}
