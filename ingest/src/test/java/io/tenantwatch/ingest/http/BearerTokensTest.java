package io.tenantwatch.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerTokensTest {

    @Test
    void severalTokensAreValidAtOnce() {
        BearerTokens tokens = BearerTokens.parse("old-token, new-token");

        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.acceptsHeader("Bearer old-token")).isTrue();
        assertThat(tokens.acceptsHeader("bearer new-token")).isTrue();
        assertThat(tokens.acceptsHeader("Bearer new-token ")).isTrue();
        assertThat(tokens.acceptsHeader("Bearer other")).isFalse();
        assertThat(tokens.acceptsHeader("Bearer new-toke")).isFalse();
        assertThat(tokens.acceptsHeader("Basic new-token")).isFalse();
        assertThat(tokens.acceptsHeader("Bearer ")).isFalse();
        assertThat(tokens.acceptsHeader(null)).isFalse();
    }

    @Test
    void aTokenFileHoldsOnePerLineWithComments(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("tokens"), "# rotated 2025-01\nfirst-token\n\n  second-token  \n");

        BearerTokens tokens = BearerTokens.fromFile(file).plus(BearerTokens.parse("env-token"));

        assertThat(tokens.size()).isEqualTo(3);
        assertThat(tokens.matches("second-token")).isTrue();
        assertThat(tokens.matches("# rotated 2025-01")).isFalse();
        assertThat(tokens.toString()).doesNotContain("first-token").contains("3");
    }

    @Test
    void anEmptyOrMissingTokenFileIsAConfigurationError(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "# nothing\n");

        assertThatThrownBy(() -> BearerTokens.fromFile(empty)).isInstanceOf(ReceiverConfigException.class)
                .hasMessageContaining("holds no token");
        assertThatThrownBy(() -> BearerTokens.fromFile(dir.resolve("absent"))).isInstanceOf(ReceiverConfigException.class)
                .hasMessageContaining("absent");
        assertThatThrownBy(() -> ReceiverConfig.defaults("c", BearerTokens.parse(null)))
                .isInstanceOf(ReceiverConfigException.class).hasMessageContaining("TW_RECEIVER_TOKENS");
    }
}
