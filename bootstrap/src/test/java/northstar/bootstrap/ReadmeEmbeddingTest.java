package northstar.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import northstar.bootstrap.http.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's embedding section, as printed: its module declaration and its class compile against the
 * built modules (one {@code requires northstar.bootstrap;}), and run with the launch options README
 * names, storing an event through the service's own configuration file.
 */
class ReadmeEmbeddingTest {
    @TempDir
    Path dir;

    static List<String> javaBlocksOfEmbeddingSection() throws IOException {
        String readme = Files.readString(ServiceProcess.repositoryRoot().resolve("README.md"));
        int start = readme.indexOf("## In-process use (the agent monolith)");
        int end = readme.indexOf("\n## ", start + 1);
        Matcher m = Pattern.compile("```java\\n(.*?)\\n```", Pattern.DOTALL).matcher(readme.substring(start, end));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void theReadmeSnippetCompilesAsPrintedAndRuns() throws Exception {
        List<String> blocks = javaBlocksOfEmbeddingSection();
        assertThat(blocks).as("README's module declaration and class").hasSize(2);
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("com/example/monolith"));
        Path moduleInfo = Files.writeString(src.resolve("module-info.java"), blocks.get(0));
        Path monolith = Files.writeString(src.resolve("com/example/monolith/Monolith.java"), blocks.get(1));
        Path out = dir.resolve("out");
        String modulePath = ServiceProcess.modulePath();

        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Process javac = new ProcessBuilder(java.resolveSibling("javac").toString(), "-d", out.toString(), "--module-path",
                modulePath, moduleInfo.toString(), monolith.toString()).redirectErrorStream(true).start();
        String diagnostics = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(javac.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(javac.exitValue()).as("javac: %s", diagnostics).isZero();

        Path config = Files.writeString(dir.resolve("northstar.json"), """
                {"data_dir": "state", "env": "prod",
                 "tenants": [{"tenant_id": "acme", "mode": "lab"}],
                 "routes": [
                   {"resource_kind": "analytics_store", "backend_type": "sqlite", "config": {"path": "n.db"}},
                   {"resource_kind": "tabular_store", "backend_type": "sqlite", "config": {"path": "n.db"}},
                   {"resource_kind": "object_store", "backend_type": "filesystem", "config": {"root": "blobs"}}]}
                """);
        Process p = new ProcessBuilder(java.toString(), "--add-modules=ALL-MODULE-PATH",
                "--enable-native-access=org.xerial.sqlitejdbc", "-p", modulePath + File.pathSeparator + out,
                "-m", "monolith/com.example.monolith.Monolith", config.toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("stored \\S+ as success");
        assertThat(dir.resolve("state/n.db")).isRegularFile();
    }
}
