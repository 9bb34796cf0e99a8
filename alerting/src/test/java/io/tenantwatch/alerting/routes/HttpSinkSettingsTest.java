package io.tenantwatch.alerting.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.alerting.formats.AlertmanagerPayload;
import io.tenantwatch.alerting.sinks.HttpSettings;
import io.tenantwatch.alerting.sinks.SinkConfig;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.schemas.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The authentication, header, CA and Alertmanager settings of HTTP sinks, as the loader checks them. */
class HttpSinkSettingsTest {

    private static final String TOKEN = "tok-SECRETPART-0123456789";
    private static final String HMAC = "hmac-SECRETPART-0123456789";
    private static final Map<String, String> ENV =
            Map.of("TOKEN", TOKEN, "HMAC", HMAC, "PW", "pw-SECRETPART", "BROKEN", "a\u0001b-SECRETPART");

    @TempDir
    Path dir;

    private Routes parse(String sink) throws ConfigException {
        return new RoutesLoader(ENV::get)
                .parse("routes.yaml", "sinks:\n  s: " + sink + "\nroutes: [{sinks: [s]}]\n", dir);
    }

    private List<String> problems(String sink) {
        try {
            parse(sink);
        } catch (ConfigException e) {
            assertThat(String.join("\n", e.problems())).doesNotContain("SECRETPART");
            return e.problems();
        }
        throw new AssertionError("expected the file to be refused");
    }

    @Test
    void everySettingIsReadAndNoSecretShowsWhenPrinted() throws Exception {
        Files.writeString(dir.resolve("pw"), "pw-SECRETPART-from-file\n");
        Routes routes = parse("""
                {type: alertmanager, url: "https://am.example.com", headers: {X-Scope-OrgID: alpha, X-Api-Key: {valueEnv: TOKEN}},
                 basicAuth: {username: soc, passwordFile: pw}, severityMap: {high: critical, low: none},
                 generatorUrl: "https://soc.example.com/a/{id}"}""");
        SinkConfig.Alertmanager am = (SinkConfig.Alertmanager) routes.sinks().get("s");
        HttpSettings http = am.http();
        assertThat(http.headers()).containsOnlyKeys("X-Scope-OrgID", "X-Api-Key");
        assertThat(http.headers().get("X-Scope-OrgID").text()).isEqualTo("alpha");
        assertThat(http.headers().get("X-Api-Key").secret().reveal()).isEqualTo(TOKEN);
        assertThat(http.basicAuth().username()).isEqualTo("soc");
        assertThat(http.basicAuth().password().reveal()).isEqualTo("pw-SECRETPART-from-file");
        assertThat(http.caFile()).isNull();
        assertThat(am.payload().severities())
                .containsEntry(Severity.HIGH, "critical")
                .containsEntry(Severity.LOW, "none")
                .containsEntry(Severity.CRITICAL, "critical")
                .containsEntry(Severity.MEDIUM, "warning")
                .containsEntry(Severity.INFO, "info");
        assertThat(am.payload().generatorUrl()).isEqualTo("https://soc.example.com/a/{id}");
        assertThat(routes.toString()).doesNotContain("SECRETPART");
        assertThat(http.toString()).doesNotContain("SECRETPART");

        SinkConfig.Webhook hook = (SinkConfig.Webhook) parse(
                        "{type: webhook, url: \"https://x\", secretEnv: HMAC, bearerTokenEnv: TOKEN, legacySignature: false}")
                .sinks()
                .get("s");
        assertThat(hook.http().bearerToken().reveal()).isEqualTo(TOKEN);
        assertThat(hook.legacySignature()).isFalse();
        assertThat(hook.toString()).doesNotContain("SECRETPART");
    }

    @Test
    void theDefaultsAreNoCredentialTheJvmsCasTheStandardVocabularyAndTheLegacyHeadersStillOn() throws Exception {
        SinkConfig.Alertmanager am = (SinkConfig.Alertmanager)
                parse("{type: alertmanager, url: \"http://am:9093\"}").sinks().get("s");
        assertThat(am.http()).isEqualTo(HttpSettings.NONE);
        assertThat(am.payload()).isEqualTo(AlertmanagerPayload.Options.defaults());
        SinkConfig.Webhook hook = (SinkConfig.Webhook) parse("{type: webhook, url: \"https://x\", secretEnv: HMAC}")
                .sinks()
                .get("s");
        assertThat(hook.legacySignature()).isTrue();
    }

    @Test
    void conflictingOrMisplacedCredentialsAreRefusedWithTheirPath() throws Exception {
        assertThat(
                        problems(
                                "{type: slack, url: \"https://x\", bearerTokenEnv: TOKEN, basicAuth: {username: u, passwordEnv: PW}}"))
                .containsExactly(
                        "routes.yaml: sinks.s: give only one of a bearer token and basicAuth (both set Authorization)");
        assertThat(problems("{type: slack, url: \"https://x\", bearerTokenEnv: TOKEN, bearerTokenFile: t}"))
                .containsExactly("routes.yaml: sinks.s: give only one of bearerTokenEnv, bearerTokenFile");
        assertThat(problems("{type: slack, url: \"https://x\", basicAuth: {username: u}}"))
                .containsExactly(
                        "routes.yaml: sinks.s.basicAuth: needs passwordEnv or passwordFile (the password; never in this file)");
        assertThat(
                        problems(
                                "{type: slack, url: \"https://x\", bearerTokenEnv: TOKEN, headers: {authorization: {valueEnv: TOKEN}}}"))
                .containsExactly(
                        "routes.yaml: sinks.s.headers.Authorization: Authorization is set by the bearer token already");
        assertThat(problems("{type: slack, url: \"https://x\", headers: {Authorization: \"Bearer abc\"}}"))
                .containsExactly(
                        "routes.yaml: sinks.s.headers.Authorization: looks like a credential: give it with valueEnv or valueFile, never in this file");
        assertThat(problems("{type: slack, url: \"https://x\", headers: {Content-Type: text/plain, webhook-id: x}}"))
                .containsExactly(
                        "routes.yaml: sinks.s.headers.Content-Type: tenantwatch sets this header itself",
                        "routes.yaml: sinks.s.headers.webhook-id: tenantwatch sets this header itself");
        assertThat(problems("{type: slack, url: \"https://x\", systemCAs: true}"))
                .containsExactly(
                        "routes.yaml: sinks.s.systemCAs: only with caFile (without it the JVM's CAs are trusted)");
        assertThat(problems("{type: kafka, topic: t, bearerTokenEnv: TOKEN}"))
                .containsExactly("routes.yaml: sinks.s.bearerTokenEnv: not a setting of a kafka sink");
        assertThat(problems("{type: webhook, url: \"https://x\", secretEnv: HMAC, severityMap: {high: critical}}"))
                .containsExactly("routes.yaml: sinks.s.severityMap: not a setting of a webhook sink");
    }

    @Test
    void secretsThatCannotBeReadOrCannotBeSentAreRefusedNamingTheSourceNeverTheValue() throws Exception {
        Files.createDirectories(dir.resolve("a-directory"));
        Files.writeString(dir.resolve("empty"), "\n");
        assertThat(problems("{type: slack, url: \"https://x\", bearerTokenFile: missing}"))
                .containsExactly("routes.yaml: sinks.s.bearerTokenFile: " + dir.resolve("missing") + " does not exist");
        assertThat(problems("{type: slack, url: \"https://x\", bearerTokenFile: a-directory}"))
                .singleElement()
                .asString()
                .startsWith("routes.yaml: sinks.s.bearerTokenFile: cannot read " + dir.resolve("a-directory") + " (");
        assertThat(problems("{type: slack, url: \"https://x\", bearerTokenFile: empty}"))
                .containsExactly("routes.yaml: sinks.s.bearerTokenFile: " + dir.resolve("empty") + " is empty");
        assertThat(problems("{type: slack, url: \"https://x\", bearerTokenEnv: UNSET}"))
                .containsExactly("routes.yaml: sinks.s.bearerTokenEnv: environment variable UNSET is not set");
        assertThat(problems("{type: slack, url: \"https://x\", headers: {X-Api-Key: {valueEnv: BROKEN}}}"))
                .containsExactly(
                        "routes.yaml: sinks.s.headers.X-Api-Key.valueEnv: environment variable BROKEN: the value has characters a header cannot carry (line breaks)");
        assertThat(problems("{type: slack, url: \"https://x\", headers: {X-Api-Key: {prefix: \"Key \"}}}"))
                .containsExactly(
                        "routes.yaml: sinks.s.headers.X-Api-Key: needs valueEnv or valueFile (the header's value; never in this file)");
    }

    @Test
    void aCaFileMustHoldCertificates() throws Exception {
        Files.writeString(
                dir.resolve("not-a-ca.pem"), "-----BEGIN PRIVATE KEY-----\nSECRETPART\n-----END PRIVATE KEY-----\n");
        assertThat(problems("{type: alertmanager, url: \"https://am\", caFile: missing.pem}"))
                .containsExactly("routes.yaml: sinks.s.caFile: " + dir.resolve("missing.pem") + " does not exist");
        assertThat(problems("{type: alertmanager, url: \"https://am\", caFile: not-a-ca.pem}"))
                .singleElement()
                .asString()
                .startsWith("routes.yaml: sinks.s.caFile: " + dir.resolve("not-a-ca.pem") + " ");
    }

    @Test
    void webhookSecretsHoldOneOrTwoKeys() throws Exception {
        Files.writeString(dir.resolve("two"), "whsec_" + "A".repeat(32) + "\nwhsec_" + "B".repeat(32) + "\n");
        Files.writeString(dir.resolve("three"), "k".repeat(16) + "\n" + "l".repeat(16) + "\n" + "m".repeat(16));
        assertThat(parse("{type: webhook, url: \"https://x\", secretFile: two}").sinks())
                .containsKey("s");
        assertThat(problems("{type: webhook, url: \"https://x\", secretFile: three}"))
                .containsExactly("routes.yaml: sinks.s.secretFile: " + dir.resolve("three")
                        + ": the secret holds 3 keys; at most 2 (the current and the next)");
    }
}
