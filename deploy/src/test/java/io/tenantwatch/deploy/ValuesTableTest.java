package io.tenantwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chart README's values table is the one values.yaml's comments generate, and every key is
 * documented. {@code -Dvalues.table.write=true} rewrites the table instead of failing.
 */
class ValuesTableTest {

    static final Path VALUES = RenderedChart.CHART.resolve("values.yaml");
    static final Path README = RenderedChart.CHART.resolve("README.md");

    @Test
    void theReadmeTableIsCurrent() throws IOException {
        String readme = Files.readString(README);
        String current =
                ValuesTable.withTable(readme, ValuesTable.markdown(ValuesTable.rows(Files.readString(VALUES))));
        if (Boolean.getBoolean("values.table.write")) {
            Files.writeString(README, current);
            readme = current;
        }
        assertThat(readme)
                .as("deploy/helm/tenantwatch/README.md's values table is not what values.yaml says; regenerate it: "
                        + ValuesTable.REGENERATE)
                .isEqualTo(current);
    }

    @Test
    void everyKeyOfValuesYamlIsDocumented() throws IOException {
        List<ValuesTable.Row> rows = ValuesTable.rows(Files.readString(VALUES));
        assertThat(rows).hasSizeGreaterThan(100);
        assertThat(rows)
                .filteredOn(r -> r.description().isBlank())
                .extracting(ValuesTable.Row::key)
                .as("keys without a '# --' comment in values.yaml")
                .isEmpty();
        assertThat(rows)
                .extracting(ValuesTable.Row::key)
                .contains(
                        "nameOverride",
                        "serviceAccount.create",
                        "rbac.create",
                        "podLabels",
                        "priorityClassName",
                        "ingest.topologySpreadConstraints",
                        "detect.extraVolumes",
                        "metrics.serviceMonitor.relabelings",
                        "metrics.prometheusRule.rules");
    }

    @Test
    void theGeneratorFollowsHelmDocsComments() {
        String values = """
                # A file header, not a description.

                # -- The name.
                # Continued here.
                name: x
                undocumented: 3
                # -- A map shown as one row.
                resources:
                  requests: {cpu: 1}
                image:
                  # -- The tag.
                  # @default -- the appVersion
                  tag: ""
                  # plain comment
                  pullPolicy: IfNotPresent
                list:
                  - key: inside a list item
                # -- After a list.
                flag: true
                """;
        assertThat(ValuesTable.rows(values))
                .containsExactly(
                        new ValuesTable.Row("name", "string", "`\"x\"`", "The name. Continued here."),
                        new ValuesTable.Row("undocumented", "int", "`3`", ""),
                        new ValuesTable.Row(
                                "resources", "object", "`{\"requests\":{\"cpu\":1}}`", "A map shown as one row."),
                        new ValuesTable.Row("image.tag", "string", "the appVersion", "The tag."),
                        new ValuesTable.Row("image.pullPolicy", "string", "`\"IfNotPresent\"`", ""),
                        new ValuesTable.Row("list", "list", "`[{\"key\":\"inside a list item\"}]`", ""),
                        new ValuesTable.Row("flag", "bool", "`true`", "After a list."));
        assertThat(ValuesTable.markdown(List.of(new ValuesTable.Row("a", "string", "`\"x|y\"`", "p | q"))))
                .as("a pipe would end the cell")
                .contains("`\"x\\|y\"` | p \\| q |");
    }
}
