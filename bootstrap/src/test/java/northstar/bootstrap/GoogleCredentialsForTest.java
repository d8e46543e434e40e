package northstar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.oauth2.ServiceAccountCredentials;
import java.nio.file.Path;
import java.util.Map;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.testkit.ServiceAccountKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Google credentials exist only when a route names them, and come from that route's config. */
class GoogleCredentialsForTest {
    private static Route route(Map<String, String> config) {
        return new Route(ResourceKind.OBJECT_STORE, "gcs", config);
    }

    @Test
    void aRouteThatNamesNoneGetsNone() {
        assertThat(GoogleCredentialsFor.route(route(Map.of("emulator_host", "127.0.0.1:1")))).isNull();
    }

    @Test
    void aServiceAccountKeyFileNamedInTheConfigIsLoaded(@TempDir Path dir) {
        ServiceAccountKeys key = ServiceAccountKeys.write(dir, "creds");

        assertThat(GoogleCredentialsFor.route(route(Map.of("credentials", "service_account", "key_file",
                key.file().toString())))).isInstanceOfSatisfying(ServiceAccountCredentials.class,
                c -> assertThat(c.getClientEmail()).isEqualTo(key.clientEmail()));
    }

    @Test
    void anUnknownChoiceOrAMissingKeyIsRefusedNamingTheField(@TempDir Path dir) {
        assertThatThrownBy(() -> GoogleCredentialsFor.route(route(Map.of("credentials", "environment"))))
                .isInstanceOf(RouteConfigurationException.class).hasMessageContaining("service_account or application_default");
        assertThatThrownBy(() -> GoogleCredentialsFor.route(route(Map.of("credentials", "service_account", "key_file",
                dir.resolve("none.json").toString())))).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("could not be loaded");
        assertThatThrownBy(() -> GoogleCredentialsFor.route(route(Map.of("credentials", "service_account"))))
                .isInstanceOf(RouteConfigurationException.class).hasMessageContaining("config.key_file");
    }
}
