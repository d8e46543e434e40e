package northstar.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/BACKENDS.md is the table BackendMatrix generates, word for word: it cannot drift from the kits. */
class BackendMatrixTest {
    @Test
    void theDocumentedTableIsTheGeneratedOne() throws IOException {
        String generated = BackendMatrix.markdown();
        Path target = Path.of("target/BACKENDS.md");
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, generated, StandardCharsets.UTF_8);
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("docs/BACKENDS.md"))) {
            dir = dir.getParent();
            assertThat(dir).as("docs/BACKENDS.md above the module").isNotNull();
        }
        assertThat(Files.readString(dir.resolve("docs/BACKENDS.md"), StandardCharsets.UTF_8))
                .as("docs/BACKENDS.md; the generated one is in " + target.toAbsolutePath()).isEqualTo(generated);
    }

    @Test
    void everyRowHasACellForEveryBackendAndTheRowsTheIssueNames() {
        for (BackendMatrix.Row r : BackendMatrix.rows()) {
            assertThat(r.cells().keySet()).as(r.guarantee()).containsExactlyElementsOf(BackendMatrix.BACKENDS);
            assertThat(r.cells().values()).as(r.guarantee()).doesNotContainNull().allMatch(c -> !c.isBlank());
        }
        assertThat(BackendMatrix.rows()).extracting(BackendMatrix.Row::guarantee).anyMatch(g -> g.startsWith("Conditional"))
                .anyMatch(g -> g.startsWith("Atomic increment")).anyMatch(g -> g.startsWith("Presigned PUT binds content_type"))
                .anyMatch(g -> g.startsWith("Large objects")).anyMatch(g -> g.startsWith("Expiry"))
                .anyMatch(g -> g.startsWith("One ingest batch")).anyMatch(g -> g.startsWith("What the local server lacks"));
    }
}
