package io.tenantwatch.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared reading step of operator YAML files: duplicates refused, syntax errors and unreadable files one line each. */
class ConfigFilesTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "'exceptions: []\\ndetectors: {}\\nexceptions: [{reason: x}]' | exceptions                | 3",
                "'tenants:\\n  alpha:\\n    exceptions: []\\n    exceptions: []' | tenants.alpha.exceptions | 4",
                "'rules:\\n  - id: a\\n    id: b'                          | rules[0].id               | 3",
                "'hubs:\\n  - kind: audit\\n  - {kind: falco, hub: a, hub: b}' | hubs[1].hub             | 3",
            })
    void aKeyGivenTwiceIsRefusedWithItsPathAndLine(String yaml, String path, int line) {
        assertThatThrownBy(() -> ConfigFiles.parseYaml("conf.yaml", yaml.replace("\\n", "\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("conf.yaml: " + path + ": duplicate key at line " + line
                        + " (YAML would keep only the last; write it once)");
    }

    @Test
    void aSyntaxErrorNamesTheLineAndColumnOnOneLine() {
        assertThatThrownBy(() -> ConfigFiles.parseYaml("conf.yaml", "tenants:\n  - name: a\n   namespaces: [a"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "conf.yaml: not valid YAML at line 3, column 4: expected <block end>, but found '<block mapping start>'"
                                + " (while parsing a block collection)");
    }

    @Test
    void anUnreadableFileIsOneLine(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigFiles.readYaml(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(missing + ": cannot read: NoSuchFileException")
                .satisfies(e -> assertThat(((ConfigException) e).source()).isEqualTo(missing.toString()));
    }

    @Test
    void aGoodFileIsItsTree(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ok.yaml"), "a: {b: [1, 2]}\nc: 10m\n");
        assertThat(ConfigFiles.readYaml(file).at("/a/b/1").asInt()).isEqualTo(2);
        assertThat(ConfigFiles.parseYaml("empty.yaml", "").isMissingNode()
                        || ConfigFiles.parseYaml("empty.yaml", "").isNull())
                .isTrue();
    }
}
