package northstar.adapters.persistence.firestore;

import java.util.Map;
import northstar.adapters.persistence.firestore.fake.FirestoreFake;
import northstar.domain.analytics.AnalyticsStore;
import northstar.domain.routing.ResourceKind;
import northstar.testkit.AnalyticsStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The AnalyticsStore contract on Firestore, the real client against the in-process Firestore fake. */
class FirestoreAnalyticsStoreTest extends AnalyticsStoreContract {
    static FirestoreFake fake;

    @BeforeAll
    static void startFake() {
        fake = FirestoreFake.start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @Override
    protected AnalyticsStore newStore() {
        return new FirestoreAnalyticsStore(FirestoreRoutes.route(fake, ResourceKind.ANALYTICS_STORE, Map.of()));
    }
}
