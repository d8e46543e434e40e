package northstar.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void newIdsAreVersion7UuidsThatAreUniqueValidIdsAndOrderedByMillisecond() throws InterruptedException {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = Ids.newId();
            assertThat(seen.add(id)).isTrue();
            UUID u = UUID.fromString(id);
            assertThat(u.version()).isEqualTo(7);
            assertThat(u.variant()).isEqualTo(2);
            assertThat(Identifiers.id("analytics_id", id)).isEqualTo(id);
        }
        String earlier = Ids.newId();
        Thread.sleep(2);
        assertThat(Ids.newId().compareTo(earlier)).isPositive();
    }
}
