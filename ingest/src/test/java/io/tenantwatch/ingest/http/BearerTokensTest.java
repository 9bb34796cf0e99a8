package io.tenantwatch.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantwatch.schemas.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerTokensTest {

    @Test
    void severalTokensAreValidAtOnce() {
        BearerTokens tokens = BearerTokens.parse("old-token-5f1c2a9e, new-token-8d3b7e10");

        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.acceptsHeader("Bearer old-token-5f1c2a9e")).isTrue();
        assertThat(tokens.acceptsHeader("bearer new-token-8d3b7e10")).isTrue();
        assertThat(tokens.acceptsHeader("Bearer new-token-8d3b7e10 ")).isTrue();
        assertThat(tokens.acceptsHeader("Bearer other")).isFalse();
        assertThat(tokens.acceptsHeader("Bearer new-token-8d3b7e1")).isFalse();
        assertThat(tokens.acceptsHeader("Basic new-token-8d3b7e10")).isFalse();
        assertThat(tokens.acceptsHeader("Bearer ")).isFalse();
        assertThat(tokens.acceptsHeader(null)).isFalse();
    }

    @Test
    void readingTheFilesAgainReplacesTheirTokensAndKeepsTheEnvironments(@TempDir Path dir) throws Exception {
        Path first = Files.writeString(dir.resolve("a"), "old-token-1a2b3c4d\n");
        Path second = Files.writeString(dir.resolve("b"), "other-token-5e6f7a8b\n");
        BearerTokens tokens = BearerTokens.parse("env-token-9c0d1e2f")
                .plus(BearerTokens.fromFile(first))
                .plus(BearerTokens.fromFile(second));
        assertThat(tokens.files()).containsExactly(first, second);

        Files.writeString(first, "new-token-0f9e8d7c\n");
        BearerTokens reread = tokens.reread();

        assertThat(reread.size()).isEqualTo(3);
        assertThat(reread.matches("env-token-9c0d1e2f")).isTrue();
        assertThat(reread.matches("new-token-0f9e8d7c")).isTrue();
        assertThat(reread.matches("other-token-5e6f7a8b")).isTrue();
        assertThat(reread.matches("old-token-1a2b3c4d")).isFalse();
        assertThat(reread.files()).containsExactly(first, second);

        Files.writeString(second, "tiny-s3cr3t\n");
        assertThatThrownBy(reread::reread)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(second.toString())
                .hasMessageNotContaining("tiny-s3cr3t");
        assertThat(reread.matches("other-token-5e6f7a8b")).as("unchanged").isTrue();
    }

    @Test
    void aTokenFileHoldsOnePerLineWithComments(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(
                dir.resolve("tokens"), "# rotated 2025-01\nfirst-token-1a2b3c4d\n\n  second-token-5e6f7a8b  \n");

        BearerTokens tokens = BearerTokens.fromFile(file).plus(BearerTokens.parse("env-token-9c0d1e2f"));

        assertThat(tokens.size()).isEqualTo(3);
        assertThat(tokens.matches("second-token-5e6f7a8b")).isTrue();
        assertThat(tokens.matches("# rotated 2025-01")).isFalse();
        assertThat(tokens.toString()).doesNotContain("first-token-1a2b3c4d").contains("3");
    }

    @Test
    void anEmptyOrMissingTokenFileIsAConfigurationError(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "# nothing\n");

        assertThatThrownBy(() -> BearerTokens.fromFile(empty))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("holds no token");
        assertThatThrownBy(() -> BearerTokens.fromFile(dir.resolve("absent")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("absent");
        assertThatThrownBy(() -> ReceiverConfig.defaults("c", BearerTokens.parse(null)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TW_RECEIVER_TOKENS");
    }

    @Test
    void aShortTokenIsRefusedWithoutBeingShown() {
        assertThatThrownBy(() -> BearerTokens.parse("good-token-7f3a9c1e2b, hunter2"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("7 characters is too short")
                .hasMessageContaining("at least 16")
                .hasMessageNotContaining("hunter2");
    }
}
