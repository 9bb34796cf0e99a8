package io.tenantwatch.detectors.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.config.CatalogueDoc;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.testkit.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalogue as published: the detector rows of the committed {@code docs/detectors.md}, read
 * back from the tables {@link CatalogueDoc} writes (a {@code ## B. Privileged workloads} heading per
 * group, then a row {@code | `id` | severity | …} per detector, in catalogue order). Ids are a
 * contract, so tests hold the registered definitions to this file instead of to lists of their own:
 * an id added, renamed, removed or moved in code fails them until the file is regenerated
 * ({@value #REGENERATE}) and the change shows in its diff. {@code CatalogueDocTest} holds the whole
 * file to the rendering.
 */
public final class PublishedCatalogue {

    /** The published catalogue, below the repository root. */
    public static final String DOC = "docs/detectors.md";
    /** What brings {@link #DOC} in step with the code. */
    public static final String REGENERATE = "./tenantwatch rules docs > docs/detectors.md";

    /** A group's heading: {@code ## B. Privileged workloads}. */
    private static final Pattern GROUP = Pattern.compile("## ([A-Z])\\. .+");
    /** A detector's row in its group's table: {@code | `port-forward` | low | …}. */
    private static final Pattern ROW = Pattern.compile("\\| `([^`]+)` \\| ([a-z]+) \\|.*");

    /** One detector as the catalogue publishes it: its id, under which group's heading, its default severity. */
    public record Row(String id, DetectorGroup group, Severity severity) {

        public static Row of(DetectorDefinition definition) {
            return new Row(
                    definition.id(),
                    definition.spec().group(),
                    definition.spec().severity());
        }
    }

    private PublishedCatalogue() {}

    /** The committed file. */
    public static Path file() {
        return RepositoryFiles.file(DOC);
    }

    /** Every published row, in catalogue order. */
    public static List<Row> rows() {
        Path file = file();
        assertThat(Files.exists(file))
                .as(file + " is missing; run: " + REGENERATE)
                .isTrue();
        List<Row> rows = new ArrayList<>();
        DetectorGroup group = null;
        for (String line : lines(file)) {
            Matcher heading = GROUP.matcher(line);
            Matcher row = ROW.matcher(line);
            if (heading.matches()) {
                group = group(heading.group(1));
            } else if (line.startsWith("#")) {
                group = null;
            } else if (group != null && row.matches()) {
                rows.add(new Row(row.group(1), group, Severity.fromLabel(row.group(2))));
            }
        }
        return rows;
    }

    /** The published ids, in catalogue order. */
    public static List<String> ids() {
        return rows().stream().map(Row::id).toList();
    }

    /** The rows published under the group's heading, in catalogue order. */
    public static List<Row> rows(DetectorGroup group) {
        return rows().stream().filter(r -> r.group() == group).toList();
    }

    /** The rows the definitions would be published as, in their order. */
    public static List<Row> rowsOf(List<DetectorDefinition> definitions) {
        return definitions.stream().map(Row::of).toList();
    }

    /**
     * Fails unless the group's list ({@code …Detectors.DEFINITIONS}) is, row for row and each once, what
     * {@link #DOC} publishes under the group's heading: the same ids in the same order, with the same
     * default severities.
     */
    public static void assertPublishedAs(DetectorGroup group, List<DetectorDefinition> definitions) {
        assertThat(rowsOf(definitions))
                .as(hint("group " + group.letter()))
                .doesNotHaveDuplicates()
                .containsExactlyElementsOf(rows(group));
    }

    /** What failed, against which file, and how to publish a change that is meant. */
    public static String hint(String what) {
        return what + " against " + DOC + "; if the change is meant, run: " + REGENERATE;
    }

    private static DetectorGroup group(String letter) {
        return Arrays.stream(DetectorGroup.values())
                .filter(g -> g.letter().equals(letter))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no detector group " + letter + " for a heading of " + DOC));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " cannot be read", e);
        }
    }
}
