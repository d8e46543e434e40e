package northstar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.oauth2.ServiceAccountCredentials;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import northstar.adapters.blob.gcs.GcsSettings;
import northstar.domain.routing.ResourceKind;
import northstar.domain.routing.Route;
import northstar.domain.routing.RouteConfigurationException;
import northstar.testkit.servers.ServiceAccountKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Google credentials exist only when a route names them, and come from that route's config. */
class GoogleCredentialsForTest {
    private static GcsSettings settings(Map<String, String> credentials) {
        Map<String, String> config = new java.util.HashMap<>(Map.of("project", "p", "bucket", "b"));
        config.putAll(credentials);
        return GcsSettings.parse(new Route(ResourceKind.OBJECT_STORE, "gcs", config));
    }

    private static com.google.auth.oauth2.GoogleCredentials load(GcsSettings s) {
        return GoogleCredentialsFor.of("gcs route", Optional.of(s.credentials()), s.keyFile());
    }

    @Test
    void aRouteThatNamesNoneGetsNone() {
        assertThat(GoogleCredentialsFor.of("firestore route", Optional.empty(), Optional.empty())).isNull();
    }

    @Test
    void aServiceAccountKeyFileNamedInTheConfigIsLoaded(@TempDir Path dir) {
        ServiceAccountKeys key = ServiceAccountKeys.write(dir, "creds");

        assertThat(load(settings(Map.of("credentials", "service_account", "key_file", key.file().toString()))))
                .isInstanceOfSatisfying(ServiceAccountCredentials.class,
                        c -> assertThat(c.getClientEmail()).isEqualTo(key.clientEmail()));
    }

    @Test
    void anUnknownChoiceOrAMissingKeyIsRefusedNamingTheField(@TempDir Path dir) {
        assertThatThrownBy(() -> settings(Map.of("credentials", "environment")))
                .isInstanceOf(RouteConfigurationException.class).hasMessageContaining("application_default, service_account");
        assertThatThrownBy(() -> load(settings(Map.of("credentials", "service_account", "key_file",
                dir.resolve("none.json").toString())))).isInstanceOf(RouteConfigurationException.class)
                .hasMessageContaining("could not be loaded");
        assertThatThrownBy(() -> settings(Map.of("credentials", "service_account")))
                .isInstanceOf(RouteConfigurationException.class).hasMessageContaining("config.key_file");
    }
}
