package io.tenantwatch.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.app.TenantWatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The Helm chart starts the service with {@code tenantwatch run} and flags written in its
 * templates; deploy's tests render them but cannot see the command. Every flag the chart passes
 * must be one {@code run} knows, or every pod of a release would exit at start with a usage error.
 */
class ChartArgumentsTest {

    static final Path HELPERS = Path.of("..", "deploy", "helm", "tenantwatch", "templates", "_helpers.tpl");
    /** An argument line of the container spec: {@code - --name=…} or {@code - --name}. */
    static final Pattern ARGUMENT = Pattern.compile("(?m)^\\s*-\\s+(--[a-z][a-z0-9-]*)");

    @Test
    void everyFlagTheChartPassesToRunIsAnOptionOfRun() throws IOException {
        Set<String> passed = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(Files.readString(HELPERS));
        while (m.find()) {
            passed.add(m.group(1));
        }
        CommandLine run = TenantWatch.commandLine().getSubcommands().get("run");
        Set<String> known = new TreeSet<>();
        run.getCommandSpec().options().forEach(o -> known.addAll(java.util.List.of(o.names())));

        assertThat(passed)
                .as("flags in %s", HELPERS)
                .contains("--components", "--eventhubs", "--routes", "--in-cluster");
        assertThat(known).containsAll(passed);
    }
}
