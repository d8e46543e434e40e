package northstar.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import northstar.bootstrap.AzureCredentials;
import northstar.bootstrap.BackendTypes;
import northstar.domain.routing.ResourceKind;
import org.junit.jupiter.api.Test;

/**
 * The route examples of README are configurations the service accepts: each parses, routes every
 * resource kind to a backend type this build serves, and names its credentials as the adapters
 * expect (offline: nothing is contacted).
 */
class ReadmeExamplesTest {
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(\"routes\": \\[.*?\\n])\\n```", Pattern.DOTALL);

    static List<String> routeExamples() throws IOException {
        Matcher m = JSON_BLOCK.matcher(Files.readString(northstar.bootstrap.http.ServiceProcess.repositoryRoot()
                .resolve("README.md")));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void everyRoutesExampleIsAValidConfiguration() throws IOException {
        List<String> examples = routeExamples();
        assertThat(examples).as("README's routes examples (AWS, Azure, Google)").hasSizeGreaterThanOrEqualTo(3);
        var catalog = BackendTypes.catalog(Clock.systemUTC());
        for (String routes : examples) {
            String file = "{\"tenants\": [{\"tenant_id\": \"acme\", \"mode\": \"saas\", \"api_keys\": [{\"name\": \"k\","
                    + " \"sha256\": \"" + "ab".repeat(32) + "\"}]}], " + routes + "}";
            ServiceConfig config = ConfigFile.parse(new ObjectMapper().readTree(file), Path.of("/srv/northstar"));

            for (ResourceKind kind : ResourceKind.values()) {
                var route = config.routes().require(kind, "acme");
                assertThat(catalog.knows(kind, route.backendType())).as(route.describe()).isTrue();
                if (route.config().containsKey("credential")) {
                    assertThat(AzureCredentials.forRoute(route)).as(route.describe()).isNotNull();
                }
            }
        }
    }
}
