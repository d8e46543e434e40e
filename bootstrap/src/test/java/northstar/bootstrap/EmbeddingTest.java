package northstar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import northstar.application.analytics.NewEvent;
import northstar.bootstrap.config.ConfigException;
import northstar.domain.PageRequest;
import northstar.domain.RequestContext;
import northstar.domain.analytics.AnalyticsQuery;
import northstar.domain.analytics.Dimensions;
import northstar.domain.analytics.Platform;
import northstar.domain.objects.PutOptions;
import northstar.domain.routing.RouteConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent monolith's use: Northstar in-process from the service's configuration file, without HTTP. */
class EmbeddingTest {
    @TempDir
    Path dir;

    Path config(String tenants) throws IOException {
        Path file = dir.resolve("northstar.json");
        Files.writeString(file, """
                {"data_dir": "state", "env": "prod",
                 "tenants": [%s],
                 "routes": [
                   {"resource_kind": "analytics_store", "backend_type": "sqlite", "config": {"path": "events.db"}},
                   {"resource_kind": "tabular_store", "backend_type": "sqlite", "config": {"path": "tables.db"}},
                   {"resource_kind": "object_store", "backend_type": "filesystem", "config": {"root": "blobs"}}]}
                """.formatted(tenants));
        return file;
    }

    @Test
    void theMonolithOpensNorthstarFromTheConfigurationAndUsesItsUseCases() throws IOException {
        Path file = config("{\"tenant_id\": \"agents\", \"mode\": \"lab\", \"project_id\": \"builder\"}");
        Instant at = Instant.parse("2026-05-01T08:00:00Z");

        try (Northstar northstar = Northstar.open(file)) {
            RequestContext ctx = northstar.contextFor("agents", "user-7", null);
            assertThat(ctx.env()).isEqualTo("prod");
            assertThat(ctx.projectId()).isEqualTo("builder");
            northstar.useCases().analytics().ingest(ctx, new NewEvent("evt-1", new Dimensions("agent_builder", "canvas",
                    Platform.API, "s_1", null, "run-1", "step_1"), null, Map.of("k", "v"), null, null, null, at));
            northstar.useCases().budgets().recordUsage(ctx, "openai", "tokens", 120);
            northstar.useCases().objects().put(ctx, "notes.txt", new ByteArrayInputStream(new byte[] {1}),
                    PutOptions.of("text/plain"));
        }

        try (Northstar again = Northstar.open(file)) {
            RequestContext ctx = again.contextFor("agents", null, "req-2");
            assertThat(again.useCases().analytics().query(ctx, new AnalyticsQuery(at, at.plusSeconds(1), Optional.empty(),
                    Optional.empty(), PageRequest.first(10))).items()).extracting(r -> r.analyticsId()).containsExactly("evt-1");
            assertThat(again.useCases().budgets().get(ctx, "openai", "tokens").orElseThrow().usage()).isEqualTo(120.0);
            assertThat(again.useCases().objects().head(ctx, "notes.txt")).isPresent();
        }
        assertThat(dir.resolve("state/events.db")).isRegularFile();
        assertThat(dir.resolve("state/tables.db")).isRegularFile();
        assertThat(dir.resolve("state/blobs/objects/tenants/agents/prod/raw/notes.txt.obj")).isRegularFile();
    }

    @Test
    void openingValidatesLikeTheService() throws IOException {
        assertThatThrownBy(() -> Northstar.open(config("{\"tenant_id\": \"bank\", \"mode\": \"enterprise\"}")))
                .isInstanceOf(RouteConfigurationException.class).hasMessageContaining("tenant bank (mode enterprise)");
        assertThatThrownBy(() -> Northstar.open(config("{\"tenant_id\": \"x\", \"mode\": \"lab\", \"colour\": 1}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("config.tenants[0].colour: unknown setting");
    }
}
