package io.tenantwatch.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.app.CommandRun;
import io.tenantwatch.app.TenantWatch;
import io.tenantwatch.schemas.ContractSchemas;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.testkit.Corpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tenantwatch replay} against docs/formats.md's command-line contract, through picocli. */
class ReplayCommandTest {

    @TempDir
    Path tmp;

    private static List<JsonNode> alerts(CommandRun run) throws IOException {
        List<JsonNode> alerts = new ArrayList<>();
        for (String line : run.outLines()) {
            alerts.add(Json.mapper().readTree(line));
        }
        return alerts;
    }

    @Test
    void anExecIntoAPodRaisesPodExecAsAContractAlert() throws IOException {
        CommandRun run = CommandRun.of(
                "replay", Corpus.file("falco-k8s-audit/exec_pod.json").toString());

        assertThat(run.exitCode()).isZero();
        List<JsonNode> alerts = alerts(run);
        // minikube-user is in system:masters: an admin, so break-glass-admin fires beside pod-exec; without a
        // tenancy file, namespace default belongs to nobody (unmapped-namespace).
        assertThat(alerts)
                .extracting(a -> a.get("detector").asText())
                .containsExactlyInAnyOrder("pod-exec", "break-glass-admin", "unmapped-namespace");
        JsonNode alert = alerts.stream()
                .filter(a -> a.get("detector").asText().equals("pod-exec"))
                .findFirst()
                .orElseThrow();
        assertThat(ContractSchemas.ALERT.problemsOfJson(alert)).isEmpty();
        assertThat(alert.get("cluster").asText()).isEqualTo("default");
        assertThat(alert.get("namespace").asText()).isEqualTo("default");
        assertThat(alert.get("actor").get("username").asText()).isEqualTo("minikube-user");
        assertThat(alert.get("evidence").get("auditIds").get(0).asText())
                .isEqualTo("ca1ed9f4-7bf4-4c85-81a8-1b11253d1ba6");
        assertThat(run.err())
                .contains("1 records read, 1 events counted")
                .contains("alerts: 3 (break-glass-admin 1, pod-exec 1, unmapped-namespace 1)")
                .as("stderr is no terminal here: no progress line")
                .doesNotContain("\r");
    }

    @Test
    void progressCanBeAskedForOrRefusedButNotMisspelt() {
        String input = Corpus.file("falco-k8s-audit/exec_pod.json").toString();
        assertThat(CommandRun.of("replay", "--progress", "Always", input).exitCode())
                .isZero();
        assertThat(CommandRun.of("replay", "--progress", "never", input).err()).doesNotContain("\r");

        CommandRun wrong = CommandRun.of("replay", "--progress", "sometimes", input);
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).contains("expected auto, always or never, was 'sometimes'");
    }

    @Test
    void theSameInputAlwaysGivesTheSameAlerts() {
        String file =
                Corpus.file("falco-k8s-audit/create_nginx_pod_privileged.json").toString();
        CommandRun first = CommandRun.of("replay", "--cluster", "aks-prod", file);
        CommandRun second = CommandRun.of("replay", "--cluster", "aks-prod", file);
        assertThat(first.out()).isNotEmpty().isEqualTo(second.out());
    }

    @Test
    void textFormatIsOneLineForAPerson() {
        CommandRun run = CommandRun.of(
                "replay",
                "--format",
                "text",
                Corpus.file("falco-k8s-audit/attach_pod.json").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines())
                .filteredOn(line -> line.contains(" pod-exec "))
                .singleElement()
                .asString()
                .matches(
                        "2018-10-26T\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z medium   pod-exec {20}-/default {14}minikube-user .*")
                .satisfies(line -> assertThat(line.split("minikube-user", -1))
                        .as("the actor once")
                        .hasSize(2));
    }

    @Test
    void ocsfFormatWritesDetectionFindingsForSiems() throws IOException {
        CommandRun run = CommandRun.of(
                "replay",
                "--format",
                "ocsf",
                Corpus.file("falco-k8s-audit/exec_pod.json").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(alerts(run)).isNotEmpty().allSatisfy(finding -> {
            assertThat(finding.get("class_uid").asInt()).isEqualTo(2004);
            assertThat(finding.at("/finding_info/uid").asText()).matches("[0-9a-f]{32}");
        });
    }

    @Test
    void stdinIsReadWithADash() {
        String event = readString(Corpus.file("falco-k8s-audit/exec_pod.json"));
        CommandLine cmd = TenantWatch.commandLine();
        ReplayCommand replay = cmd.getSubcommands().get("replay").getCommand();
        replay.stdin = new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8));
        CommandRun run = CommandRun.of(cmd, "replay", "-");
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).hasSize(3);
    }

    /** The corpus exec as its ResponseComplete: the session closed 41 seconds after it opened. */
    private static String execResponseComplete() {
        return readString(Corpus.file("falco-k8s-audit/exec_pod.json"))
                .strip()
                .replace("\"stage\":\"ResponseStarted\"", "\"stage\":\"ResponseComplete\"")
                .replace(
                        "\"stageTimestamp\":\"2018-10-26T13:38:34.902914Z\"",
                        "\"stageTimestamp\":\"2018-10-26T13:39:15.230551Z\"");
    }

    @Test
    void anExecSeenOnlyAtResponseCompleteStillRaisesPodExec() throws IOException {
        // An audit policy with omitStages: [ResponseStarted], or a feed that drops it.
        Path file = tmp.resolve("complete-only.jsonl");
        Files.writeString(file, execResponseComplete() + "\n");

        CommandRun run = CommandRun.of("replay", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(alerts(run)).extracting(a -> a.get("detector").asText()).contains("pod-exec");
        assertThat(run.err()).contains("1 records read, 1 events counted");
    }

    @Test
    void anExecSeenAtBothStagesIsCountedOnceAtTheFirst() throws IOException {
        Path file = tmp.resolve("both-stages.jsonl");
        Files.writeString(
                file,
                readString(Corpus.file("falco-k8s-audit/exec_pod.json")).strip() + "\n" + execResponseComplete()
                        + "\n");

        CommandRun run = CommandRun.of("replay", file.toString());

        assertThat(run.exitCode()).isZero();
        List<JsonNode> alerts = alerts(run);
        assertThat(alerts)
                .extracting(a -> a.get("detector").asText())
                .containsExactlyInAnyOrder("pod-exec", "break-glass-admin", "unmapped-namespace");
        assertThat(alerts.get(0).get("time").asText()).startsWith("2018-10-26T13:38:34.902914");
        assertThat(run.err())
                .contains("2 records read, 1 events counted, 1 skipped (duplicate 1)")
                .contains("alerts: 3 (break-glass-admin 1, pod-exec 1, unmapped-namespace 1)");
    }

    @Test
    void aPublicAksClustersOutboundAddressIsOutsideUntilClusterRangesNamesIt() throws IOException {
        // A real AKS record: metrics-server, with a legacy token, seen from the cluster's public outbound address.
        String record =
                Corpus.file("aks-envelope/dynatrace_kube-audit_record.json").toString();
        CommandRun untuned = CommandRun.of("replay", record);
        Path config = tmp.resolve("detectors.yaml");
        Files.writeString(config, """
                detectors:
                  credential-from-outside: {clusterRanges: ["10.0.0.0/8", "52.188.216.128/32"]}
                """);
        CommandRun tuned = CommandRun.of("replay", "--config", config.toString(), record);

        assertThat(alerts(untuned))
                .extracting(a -> a.get("detector").asText())
                .containsExactly("credential-from-outside");
        assertThat(alerts(untuned).get(0).get("summary").asText())
                .startsWith("system:serviceaccount:kube-system:metrics-server (platform) used a service-account token "
                        + "without a credential id from 52.188.216.128");
        assertThat(tuned.exitCode()).isZero();
        assertThat(alerts(tuned)).isEmpty();
    }

    @Test
    void badRecordsAreCountedByReasonAndTheRunGoesOn() throws IOException {
        Path mixed = tmp.resolve("mixed.jsonl");
        Files.writeString(
                mixed,
                String.join(
                                "\n",
                                "this is not json",
                                "{\"kind\": 0}",
                                readString(Corpus.file("falco-k8s-audit/exec_pod.json"))
                                        .strip(),
                                "{\"hello\": \"world\"}",
                                readString(Corpus.file("falco-k8s-audit/exec_pod.json"))
                                        .strip())
                        + "\n");

        CommandRun run = CommandRun.of("replay", mixed.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).hasSize(3);
        assertThat(run.err())
                .contains("5 records read, 1 events counted, 1 skipped (duplicate 1), 3 rejected")
                .contains("bad-field-type 1")
                .contains("invalid-json 1")
                .contains("unrecognized-format 1");
    }

    @Test
    void aTenancyFileAttributesTenants() throws IOException {
        Path tenancy = tmp.resolve("tenancy.yaml");
        Files.writeString(tenancy, """
                tenants:
                  - name: web
                    namespaces: ["default"]
                """);
        CommandRun run = CommandRun.of(
                "replay",
                "--tenancy",
                tenancy.toString(),
                Corpus.file("falco-k8s-audit/exec_pod.json").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(alerts(run).get(0).get("tenant").asText()).isEqualTo("web");
    }

    @Test
    void aMissingInputIsAUsageErrorOnOneLine() {
        CommandRun run = CommandRun.of("replay", tmp.resolve("nope.json").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .contains("nope.json")
                .contains("no such file");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anInvalidTenancyFileIsAUsageErrorNamingTheFile() throws IOException {
        Path tenancy = tmp.resolve("bad-tenancy.yaml");
        Files.writeString(tenancy, "tenants:\n  - namespaces: [\"a\"]\n");
        CommandRun run = CommandRun.of(
                "replay",
                "--tenancy",
                tenancy.toString(),
                Corpus.file("falco-k8s-audit/exec_pod.json").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("bad-tenancy.yaml");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownOptionsAndFormatsAreUsageErrors() {
        assertThat(CommandRun.of("replay", "--bogus", "x").exitCode()).isEqualTo(2);
        CommandRun badFormat = CommandRun.of(
                "replay",
                "--format",
                "xml",
                Corpus.file("falco-k8s-audit/exec_pod.json").toString());
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.errLines())
                .singleElement()
                .asString()
                .contains("--format")
                .contains("xml");
        assertThat(CommandRun.of("replay").exitCode()).isEqualTo(2);
    }

    @Test
    void theWholeCorpusReplaysAndEveryAlertFollowsTheContract() throws IOException {
        List<String> args = new ArrayList<>(List.of("replay", "--stats"));
        try (Stream<Path> files = Files.walk(Corpus.dir())) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals("PROVENANCE.md")
                            && !p.getFileName().toString().equals("SHA256SUMS"))
                    .sorted()
                    .forEach(p -> args.add(p.toString()));
        }
        CommandRun run = CommandRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> alerts = alerts(run);
        assertThat(alerts).isNotEmpty();
        for (JsonNode alert : alerts) {
            assertThat(ContractSchemas.ALERT.problemsOfJson(alert))
                    .as(alert.toString())
                    .isEmpty();
        }
        assertThat(run.err())
                .contains("detectors (events examined / alerts / exceptions applied):")
                .contains("pod-exec ");
    }

    private static String readString(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
