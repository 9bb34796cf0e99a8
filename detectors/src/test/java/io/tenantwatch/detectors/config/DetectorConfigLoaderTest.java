package io.tenantwatch.detectors.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.schemas.Severity;
import io.tenantwatch.schemas.config.ConfigException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** detectors.yaml: what a good file means, and one clear line per problem in a bad one. */
class DetectorConfigLoaderTest {

    private final DetectorConfigLoader loader = new DetectorConfigLoader(BuiltInDetectors.definitions());

    private static List<String> problems(DetectorConfigLoader loader, String yaml) {
        try {
            loader.parse("detectors.yaml", yaml);
            throw new AssertionError("expected problems");
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    @Test
    void aGoodFileSetsSeveritiesParametersExceptionsAndTenantOverrides() throws Exception {
        DetectorConfig config = loader.parse("detectors.yaml", """
                detectors:
                  pod-exec: {severity: high, includeOwnTenant: true}
                  cross-tenant-read: {enabled: false}
                exceptions:
                  - name: sre-break-glass
                    detector: [pod-exec, cross-tenant-exec]
                    reason: SRE on-call may exec during incidents
                    group: ["9a8b7c6d-*"]
                tenants:
                  alpha:
                    detectors:
                      cross-tenant-read: {enabled: true}
                    exceptions:
                      - detector: "*"
                        reason: alpha's load tests
                        actor: "system:serviceaccount:alpha-load:*"
                """);

        assertThat(config.settings("pod-exec").severity()).isEqualTo(Severity.HIGH);
        assertThat(config.settings("pod-exec").params()).containsEntry("includeOwnTenant", true);
        assertThat(config.settings("cross-tenant-read").enabled()).isFalse();
        assertThat(config.exceptions()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("sre-break-glass");
            assertThat(e.detectors()).containsExactlyInAnyOrder("pod-exec", "cross-tenant-exec");
            assertThat(e.match()).containsOnlyKeys(ExceptionRule.Field.GROUP);
        });
        assertThat(config.tenants()
                        .get("alpha")
                        .detectors()
                        .get("cross-tenant-read")
                        .enabled())
                .isTrue();
        assertThat(config.tenants().get("alpha").exceptions().get(0).appliesTo("anything"))
                .isTrue();
    }

    @Test
    void anEmptyFileMeansTheDefaults() throws Exception {
        assertThat(loader.parse("detectors.yaml", "")).isEqualTo(DetectorConfig.DEFAULTS);
        assertThat(loader.parse("detectors.yaml", "# nothing tuned yet\n")).isEqualTo(DetectorConfig.DEFAULTS);
    }

    @Test
    void everyProblemIsReportedOnItsOwnLineNamingTheKeyAndTheValue() {
        List<String> problems = problems(loader, """
                detectors:
                  pod-exec: {severity: urgent, includeOwnTenant: "yes", colour: red}
                  no-such-detector: {enabled: false}
                  cross-tenant-read: {enabled: maybe}
                exceptions:
                  - detector: pod-exec
                    namespace: "kube-[system]"
                  - detector: cross-tenant-writ
                    reason: typo
                    podName: x
                  - detector: pod-exec
                    reason: silences everything
                surprise: true
                """);

        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "detectors.yaml: surprise: unknown key (expected detectors, exceptions, tenants or rules)",
                        "detectors.yaml: detectors.pod-exec.severity: 'urgent' is not a severity (critical, high, medium, low, info)",
                        "detectors.yaml: detectors.pod-exec.includeOwnTenant: 'yes' is not a boolean",
                        "detectors.yaml: detectors.pod-exec.colour: unknown parameter of pod-exec (it has includeOwnTenant)",
                        "detectors.yaml: detectors.no-such-detector: unknown detector id 'no-such-detector'",
                        "detectors.yaml: detectors.cross-tenant-read.enabled: 'maybe' is not true or false",
                        "detectors.yaml: exceptions[0].reason: every exception needs a reason",
                        "detectors.yaml: exceptions[0].namespace: bad glob: glob 'kube-[system]' has '[' at 5 (only * and ? are special; no spaces, brackets or braces)",
                        "detectors.yaml: exceptions[1].detector: unknown detector id 'cross-tenant-writ'",
                        "detectors.yaml: exceptions[1].podName: unknown field (expected namespace, tenant, actor, group, image, resourceName or cluster)",
                        "detectors.yaml: exceptions[1]: matches every event: name at least one field (namespace, tenant, actor, group, image, resourceName, cluster), or disable the detector instead",
                        "detectors.yaml: exceptions[2]: matches every event: name at least one field (namespace, tenant, actor, group, image, resourceName, cluster), or disable the detector instead");
    }

    @Test
    void yamlSyntaxErrorsNameTheLine() {
        assertThat(problems(loader, "detectors:\n  pod-exec: {severity: high\n"))
                .singleElement()
                .asString()
                .startsWith("detectors.yaml: not valid YAML at line ");
    }

    @Test
    void durationParametersReadAsOperatorsWriteThemAndAreKeptAsWritten() throws Exception {
        DetectorConfig config = loader.parse("detectors.yaml", """
                detectors:
                  secret-enumeration: {window: " 30s ", grace: 14d}
                """);
        var settings = config.settings("secret-enumeration").params();
        assertThat(settings).containsEntry("window", "30s").containsEntry("grace", "14d");
        ParamSpec window = BuiltInDetectors.definitions().stream()
                .filter(d -> d.id().equals("secret-enumeration"))
                .findFirst()
                .orElseThrow()
                .param("window");
        assertThat(new Params(settings).duration(window)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Params.defaults().duration(window))
                .as("the default, kept as 10m")
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aMalformedOrOverlongDurationIsAProblemNotACrash() {
        assertThat(problems(loader, """
                detectors:
                  secret-enumeration: {window: ten minutes, grace: 99999999999999999999s}
                  runtime-then-api: {window: 200000000000000d, grace: 5}
                """))
                .containsExactlyInAnyOrder(
                        "detectors.yaml: detectors.secret-enumeration.window: 'ten minutes' is not a duration (e.g. 500ms, 30s, 10m, 1h, 1d)",
                        "detectors.yaml: detectors.secret-enumeration.grace: '99999999999999999999s' is too long a duration",
                        "detectors.yaml: detectors.runtime-then-api.window: '200000000000000d' is too long a duration",
                        "detectors.yaml: detectors.runtime-then-api.grace: '5' is not a duration such as 30s, 10m or 1h");
    }

    @Test
    void aKeyGivenTwiceIsRefusedRatherThanOneBlockSilentlyDropped() {
        assertThat(problems(loader, """
                exceptions:
                  - detector: pod-exec
                    reason: SRE on-call
                    group: [sre]
                detectors:
                  pod-exec: {severity: high}
                exceptions:
                  - detector: port-forward
                    reason: developers
                    namespace: dev-*
                """))
                .containsExactly(
                        "detectors.yaml: exceptions: duplicate key at line 7 (YAML would keep only the last; write it once)");
        assertThat(problems(loader, """
                tenants:
                  alpha:
                    detectors: {pod-exec: {enabled: false}}
                    detectors: {port-forward: {enabled: false}}
                """))
                .containsExactly(
                        "detectors.yaml: tenants.alpha.detectors: duplicate key at line 4 (YAML would keep only the last; write it once)");
    }
}
