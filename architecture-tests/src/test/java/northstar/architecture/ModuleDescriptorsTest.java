package northstar.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every production module ships a module-info whose name is its root package. */
class ModuleDescriptorsTest {
    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "northstar.domain.analytics.AnalyticsStore, northstar.domain",
        "northstar.application.UseCases, northstar.application",
        "northstar.adapters.persistence.sqlite.SqliteAnalyticsStore, northstar.adapters.persistence",
        "northstar.adapters.blob.filesystem.FilesystemObjectStore, northstar.adapters.blob",
        "northstar.adapters.http.ProblemStatus, northstar.adapters.http",
        "northstar.bootstrap.Northstar, northstar.bootstrap"})
    void eachModuleHasADescriptorNamedAfterItsRootPackage(String someClass, String module)
            throws ClassNotFoundException, IOException, URISyntaxException {
        URL location = Class.forName(someClass).getProtectionDomain().getCodeSource().getLocation();
        Path path = Path.of(location.toURI());

        ModuleDescriptor descriptor;
        if (Files.isDirectory(path)) {
            try (InputStream in = Files.newInputStream(path.resolve("module-info.class"))) {
                descriptor = ModuleDescriptor.read(in);
            }
        } else {
            try (JarFile jar = new JarFile(path.toFile()); InputStream in = jar.getInputStream(jar.getEntry("module-info.class"))) {
                descriptor = ModuleDescriptor.read(in);
            }
        }

        assertThat(descriptor.name()).isEqualTo(module);
    }
}
