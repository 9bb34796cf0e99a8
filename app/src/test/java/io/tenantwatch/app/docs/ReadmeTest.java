package io.tenantwatch.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.testkit.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's first screen takes a newcomer to "Try it" and to the AKS installation, and "Try it"
 * keeps the two commands that need nothing but a JDK: the demo, and the build with its tests.
 */
class ReadmeTest {

    private static final int FIRST_SCREEN = 25;

    @Test
    void theFirstScreenLinksToTryItAndToInstallOnAks() throws IOException {
        List<String> lines = Files.readAllLines(RepositoryFiles.file("README.md"));
        String firstScreen = String.join("\n", lines.subList(0, Math.min(FIRST_SCREEN, lines.size())));

        assertThat(firstScreen).contains("](#try-it)").contains("](docs/install-aks.md)");
    }

    @Test
    void tryItRunsTheDemoAndTheTests() throws IOException {
        String readme = Files.readString(RepositoryFiles.file("README.md"));
        int start = readme.indexOf("\n## Try it\n");
        assertThat(start).as("a '## Try it' section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String tryIt = readme.substring(start, end < 0 ? readme.length() : end);

        assertThat(tryIt).contains("./tenantwatch demo").contains("./mvnw verify");
    }

    @Test
    void theDataFlowIsAMermaidFlowchartThroughTheTopics() throws IOException {
        String readme = Files.readString(RepositoryFiles.file("README.md"));
        int start = readme.indexOf("```mermaid\n");
        assertThat(start).as("a mermaid block").isNotNegative();
        String diagram = readme.substring(start, readme.indexOf("```", start + 3));

        assertThat(diagram).contains("flowchart").contains("tw.normalized").contains("tw.alerts");
    }
}
