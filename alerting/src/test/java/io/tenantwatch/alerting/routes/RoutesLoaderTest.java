package io.tenantwatch.alerting.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantwatch.alerting.formats.AlertFormat;
import io.tenantwatch.alerting.sinks.SinkConfig;
import io.tenantwatch.schemas.config.ConfigException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutesLoaderTest {

    private static final String HMAC = "0123456789abcdef-hmac-key";
    private static final String SLACK_URL = "https://hooks.slack.com/services/T000/B000/SECRETPART";
    private final RoutesLoader loader = new RoutesLoader(Map.of(
            "TW_SIEM_HMAC_KEY",
            HMAC,
            "TW_SLACK_ALPHA_URL",
            SLACK_URL,
            "TW_SIEM_TOKEN",
            "siem-token-value",
            "SHORT",
            "tooshort")::get);

    @TempDir
    Path dir;

    private Routes parse(String yaml) throws ConfigException {
        return loader.parse("routes.yaml", yaml, dir);
    }

    private List<String> problems(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the file to be refused");
    }

    @Test
    void theShippedExampleLoadsAndIsValidAgainstTheSchema() throws Exception {
        Path secretDir = Files.createDirectories(dir.resolve("secrets"));
        String example = resource("/examples/routes.yaml")
                .replace(
                        "/var/run/secrets/tenantwatch/beta-slack-url",
                        secretDir.resolve("beta").toString())
                .replace(
                        "/var/run/secrets/tenantwatch/alertmanager-token",
                        secretDir.resolve("am-token").toString());
        Files.writeString(secretDir.resolve("beta"), "https://hooks.slack.com/services/T1/B1/BETA\n");
        Files.writeString(secretDir.resolve("am-token"), "am-token-value\n");
        Routes routes = parse(example);
        assertThat(routes.sinks())
                .containsOnlyKeys("alertmanager", "alpha-slack", "beta-slack", "siem", "soc-bus", "archive");
        assertThat(routes.routes()).extracting(Route::name).containsExactly("soc", "alpha", "beta", "platform");
        assertThat(routes.suppression().windowFor("pod-exec")).isEqualTo(Duration.ofMinutes(10));
        assertThat(routes.suppression().windowFor("falco-runtime")).isEqualTo(Duration.ofMinutes(2));
        assertThat(routes.suppression().windowFor("cross-tenant-exec")).isZero();
        assertThat(routes.delivery().maxAttempts()).isEqualTo(10);
        assertThat(routes.delivery().circuitOpenFor()).isEqualTo(Duration.ofSeconds(30));
        SinkConfig.Webhook siem = (SinkConfig.Webhook) routes.sinks().get("siem");
        assertThat(siem.format()).isEqualTo(AlertFormat.OCSF);
        assertThat(siem.secret().reveal()).isEqualTo(HMAC);
        assertThat(((SinkConfig.Slack) routes.sinks().get("alpha-slack")).url().reveal())
                .isEqualTo(SLACK_URL);
        assertThat(((SinkConfig.Slack) routes.sinks().get("beta-slack")).url().reveal())
                .isEqualTo("https://hooks.slack.com/services/T1/B1/BETA");
    }

    @Test
    void secretsAreHiddenWhenAConfigIsPrinted() throws Exception {
        Routes routes = parse("""
                sinks:
                  alpha-slack: {type: slack, urlEnv: TW_SLACK_ALPHA_URL}
                  siem: {type: webhook, url: "https://siem.example.com/x", secretEnv: TW_SIEM_HMAC_KEY}
                routes:
                  - sinks: [alpha-slack, siem]
                """);
        assertThat(routes.toString()).doesNotContain(HMAC).doesNotContain("SECRETPART");
    }

    @Test
    void problemsNameTheFileAndThePathOfTheBadEntry() {
        assertThat(problems("""
                sinks:
                  am: {type: alertmanager, url: "http://am:9093"}
                routes:
                  - sinks: [am]
                  - match: {minSeverity: urgent}
                    sinks: [am]
                """))
                .containsExactly(
                        "routes.yaml: routes[1].match.minSeverity: 'urgent' is not one of [info,low,medium,high,critical]");
        assertThat(problems("""
                sinks:
                  am: {type: alertmanager, url: "http://am:9093"}
                routes:
                  - sinks: [am, pager]
                """))
                .containsExactly("routes.yaml: routes[0].sinks[1]: no sink named 'pager' (defined: am)");
        assertThat(problems("""
                sinks:
                  bus: {type: kafka}
                routes: [{sinks: [bus]}]
                """)).containsExactly("routes.yaml: sinks.bus.topic: missing (required here)");
        assertThat(problems("""
                sinks:
                  out: {type: stdout, colour: red}
                routes: [{sinks: [out]}]
                """)).containsExactly("routes.yaml: sinks.out.colour: unknown key");
    }

    @Test
    void structuralProblemsComeFirstThenEveryOtherProblemAtOnce() {
        List<String> all = problems("""
                suppression: {window: 10 minutes}
                sinks:
                  out: {type: stdout, topic: x}
                  hook: {type: webhook, url: "https://x.example.com"}
                routes:
                  - match: {tenants: ["al pha"]}
                    sinks: [out, nowhere]
                """);
        assertThat(all).hasSize(1).first().asString().contains("suppression.window");
        List<String> semantic = problems("""
                sinks:
                  out: {type: stdout, topic: x}
                  hook: {type: webhook, url: "https://x.example.com"}
                routes:
                  - match: {tenants: ["al pha"]}
                    sinks: [out, nowhere]
                """);
        assertThat(semantic)
                .containsExactlyInAnyOrder(
                        "routes.yaml: sinks.out.topic: not a setting of a stdout sink",
                        "routes.yaml: sinks.hook: needs secretEnv or secretFile (the HMAC key; never in this file)",
                        "routes.yaml: routes[0].sinks[1]: no sink named 'nowhere' (defined: out, hook)",
                        "routes.yaml: routes[0].match.tenants: glob 'al pha' has ' ' at 2 (only * and ? are special; no spaces, brackets or braces)");
    }

    @Test
    void aSecretWrittenIntoTheFileIsRefusedWithAHint() {
        assertThat(problems("""
                sinks:
                  hook: {type: webhook, url: "https://x.example.com", secret: "s3cr3t-in-the-file!!"}
                routes: [{sinks: [hook]}]
                """))
                .containsExactly(
                        "routes.yaml: sinks.hook.secret: secrets never go in the routes file; use secretEnv or secretFile");
    }

    @Test
    void secretSourcesMustResolveAndNeverShowUpInMessages() throws Exception {
        assertThat(problems("""
                sinks:
                  hook: {type: webhook, url: "https://x.example.com", secretEnv: NOT_SET}
                routes: [{sinks: [hook]}]
                """))
                .containsExactly("routes.yaml: sinks.hook.secretEnv: environment variable NOT_SET is not set");
        assertThat(problems("""
                sinks:
                  hook: {type: webhook, url: "https://x.example.com", secretEnv: SHORT}
                routes: [{sinks: [hook]}]
                """))
                .containsExactly(
                        "routes.yaml: sinks.hook.secretEnv: environment variable SHORT: key 1 of the secret is shorter than 16 bytes");
        Files.writeString(dir.resolve("url"), "hooks.slack.com/services/NO-SCHEME-SECRET\n");
        List<String> badUrl = problems("""
                sinks:
                  s: {type: slack, urlFile: url}
                routes: [{sinks: [s]}]
                """);
        assertThat(badUrl)
                .containsExactly("routes.yaml: sinks.s.urlFile: the value it names is not an http:// or https:// URL");
        assertThat(String.join("\n", badUrl)).doesNotContain("NO-SCHEME-SECRET");
        assertThat(String.join("\n", problems("""
                sinks:
                  s: {type: slack, url: "hooks.slack.com/services/INLINE-SECRET"}
                routes: [{sinks: [s]}]
                """))).contains("sinks.s.url").doesNotContain("INLINE-SECRET");
        assertThat(problems("""
                sinks:
                  s: {type: slack, url: "https://a.example.com", urlEnv: TW_SLACK_ALPHA_URL}
                routes: [{sinks: [s]}]
                """)).containsExactly("routes.yaml: sinks.s: give only one of url, urlEnv");
    }

    @Test
    void secretFilesAreReadRelativeToTheRoutesFile() throws Exception {
        Files.writeString(dir.resolve("hmac.key"), HMAC + "\n");
        Path file = dir.resolve("routes.yaml");
        Files.writeString(file, """
                sinks:
                  hook: {type: webhook, url: "https://x.example.com/in", secretFile: hmac.key}
                  log: {type: file, path: out/alerts.jsonl, maxBytes: 4096, keep: 2, format: ocsf}
                routes: [{sinks: [hook, log]}]
                """);
        Routes routes = new RoutesLoader(k -> null).load(file);
        assertThat(((SinkConfig.Webhook) routes.sinks().get("hook")).secret().reveal())
                .isEqualTo(HMAC);
        SinkConfig.File log = (SinkConfig.File) routes.sinks().get("log");
        assertThat(log.path()).isEqualTo(dir.resolve("out/alerts.jsonl"));
        assertThat(log.maxBytes()).isEqualTo(4096);
        assertThat(log.keep()).isEqualTo(2);
        assertThat(log.format()).isEqualTo(AlertFormat.OCSF);
        assertThat(routes.source()).isEqualTo(file.toString());
    }

    @Test
    void notYamlAndMissingFilesAreOneClearLine() {
        assertThat(problems("sinks: [unclosed"))
                .singleElement()
                .asString()
                .startsWith("routes.yaml: not valid YAML at line");
        assertThat(problems("""
                sinks:
                  a: {type: stdout}
                  a: {type: stdout}
                routes: [{sinks: [a]}]
                """))
                .containsExactly(
                        "routes.yaml: sinks.a: duplicate key at line 3 (YAML would keep only the last; write it once)");
        assertThatThrownBy(() -> loader.load(dir.resolve("missing.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir.resolve("missing.yaml") + ": cannot read: NoSuchFileException");
        assertThat(problems("- just\n- a list\n"))
                .containsExactly("routes.yaml: the top level must be a mapping with sinks and routes");
    }

    @Test
    void textFormatIsForStdoutOnly() {
        assertThat(problems("""
                sinks:
                  log: {type: file, path: a.jsonl, format: text}
                routes: [{sinks: [log]}]
                """))
                .containsExactly("routes.yaml: sinks.log.format: text is for stdout only; use native or ocsf");
    }

    @Test
    void anOverlongDurationIsAProblemLikeAnyOther() {
        assertThat(problems("""
                suppression: {window: 99999999999999999999s}
                delivery: {maxBackoff: 200000000000000d}
                sinks: {out: {type: stdout}}
                routes: [{sinks: [out]}]
                """))
                .containsExactly(
                        "routes.yaml: suppression.window: '99999999999999999999s' is too long a duration",
                        "routes.yaml: delivery.maxBackoff: '200000000000000d' is too long a duration");
    }

    static String resource(String name) throws Exception {
        try (InputStream in = RoutesLoaderTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
