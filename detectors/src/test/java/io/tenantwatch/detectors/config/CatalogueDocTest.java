package io.tenantwatch.detectors.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.testing.PublishedCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/detectors.md is the registry's own rendering: regenerate it when the catalogue changes. */
class CatalogueDocTest {

    @Test
    void theCommittedCatalogueDocMatchesTheRegistry() throws Exception {
        Path doc = PublishedCatalogue.file();
        String expected = CatalogueDoc.markdown(BuiltInDetectors.definitions());
        assertThat(Files.exists(doc))
                .as(doc + " is missing; run: " + PublishedCatalogue.REGENERATE)
                .isTrue();
        assertThat(Files.readString(doc))
                .as(PublishedCatalogue.DOC + " is out of date; run: " + PublishedCatalogue.REGENERATE)
                .isEqualTo(expected);
    }

    @Test
    void theDocNamesNoFileOutsideTheRepository() {
        String doc = CatalogueDoc.markdown(BuiltInDetectors.definitions());
        assertThat(doc).doesNotContain("../", "DETECTORS.md", "FORMATS.md", "ARCHITECTURE.md", "TENANCY.md");
        assertThat(doc).contains("](alerts.md)", "](detection-quality.md)");
    }

    @Test
    void everyDetectorAndParameterIsInTheDoc() {
        String doc = CatalogueDoc.markdown(BuiltInDetectors.definitions());
        for (DetectorDefinition d : BuiltInDetectors.definitions()) {
            assertThat(doc)
                    .contains("| `" + d.id() + "` | " + d.spec().severity().label() + " |");
            d.params().forEach(p -> assertThat(doc).contains("`" + p.name() + "`"));
        }
    }
}
