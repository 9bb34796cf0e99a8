package io.tenantwatch.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** One collector of problems, one exception with every line. */
class ConfigProblemsTest {

    @Test
    void everyProblemIsOneLineNamingTheSourceAndThePath() {
        ConfigProblems problems = new ConfigProblems("conf/routes.yaml")
                .add("routes[0].sinks[1]", "no sink named 'pager'")
                .add(null, "the top level must be a mapping")
                .add("sinks.out", "a message\n  over two lines");
        assertThat(problems.count()).isEqualTo(3);

        ConfigException e = catchThrowableOfType(ConfigException.class, problems::throwIfAny);
        assertThat(e.source()).isEqualTo("conf/routes.yaml");
        assertThat(e.problems())
                .containsExactly(
                        "conf/routes.yaml: routes[0].sinks[1]: no sink named 'pager'",
                        "conf/routes.yaml: the top level must be a mapping",
                        "conf/routes.yaml: sinks.out: a message over two lines");
        assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
        assertThat(e.getStackTrace()).as("a message for a person, not a bug").isEmpty();
    }

    @Test
    void nothingCollectedThrowsNothing() {
        assertThatCode(() -> new ConfigProblems("x").throwIfAny()).doesNotThrowAnyException();
    }

    @Test
    void partsOfASourceNameThemselvesAndShareTheLines() {
        ConfigProblems all = new ConfigProblems("--eventhubs");
        all.part("--eventhubs aks-audit").add(null, "kind is missing");
        all.addAll(ConfigException.of("connection-string-file /s", "no such file", new IOException("gone")));
        ConfigException e = catchThrowableOfType(ConfigException.class, all::throwIfAny);
        assertThat(e.source()).isEqualTo("--eventhubs");
        assertThat(e.problems())
                .containsExactly("--eventhubs aks-audit: kind is missing", "connection-string-file /s: no such file");
        assertThat(e.getCause()).hasMessage("gone");
    }
}
