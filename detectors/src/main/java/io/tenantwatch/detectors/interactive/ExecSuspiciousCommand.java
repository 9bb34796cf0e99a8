package io.tenantwatch.detectors.interactive;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code exec-suspicious-command}: an allowed {@code kubectl exec} (pods/exec, whatever the verb)
 * by a non-platform identity whose command ({@code command=} parameters, URL-decoded, as
 * {@link EventContext#execCommand()} gives them) does what an intruder does first in a pod:
 * <ul>
 *   <li>touches the service-account token ({@code kubernetes.io/serviceaccount}, under
 *       {@code /var/run/secrets} or {@code /run/secrets}), the AKS workload identity token
 *       ({@code /var/run/secrets/azure/tokens}, {@code $AZURE_FEDERATED_TOKEN_FILE}), any other
 *       projected token under {@code /var/run/secrets/} (a path there naming a token), or lists
 *       that directory as a whole;</li>
 *   <li>reads a credential file: SSH keys or a kubeconfig ({@code ~/.ssh}, {@code /root/.ssh/…},
 *       {@code ~/.kube/config}), the password hashes ({@code /etc/shadow}), or a process's
 *       environment ({@code /proc/1/environ}, {@code /proc/*}{@code /environ}), where secrets are
 *       injected as variables;</li>
 *   <li>reaches the instance metadata service ({@code 169.254.169.254}, also written
 *       {@code 2852039166} or {@code 0xa9fea9fe}) or the Azure wireserver ({@code 168.63.129.16}),
 *       where the node's managed identity tokens are;</li>
 *   <li>opens a reverse shell ({@code /dev/tcp/}, {@code bash -i}, {@code sh -i},
 *       {@code nc -e}, {@code ncat -e} or {@code -c}, socat {@code exec:}, a scripted socket wired
 *       to a shell);</li>
 *   <li>downloads and runs ({@code curl … | sh}, {@code wget … | bash}, {@code sh -c "$(curl …)"},
 *       {@code bash <(curl …)}, {@code curl -o x … && chmod +x x});</li>
 *   <li>archives to its output ({@code tar cf - PATH}, {@code tar czv PATH}): what
 *       {@code kubectl cp POD:PATH …} runs to copy files out of a pod, so the archive leaves through
 *       the exec stream;</li>
 *   <li>decodes and runs ({@code base64 -d | sh}).</li>
 * </ul>
 *
 * <p>The command is the {@code command=} parameters of the request URI; when a client sent none
 * there, ingest takes it from the request's PodExecOptions (audit level Request or above) and
 * writes it there (docs/formats.md, "Normalized event").
 *
 * <p>Why it matters: {@code pod-exec} says someone opened a shell; this says what the shell was
 * for. Stealing the pod's token (Stratus Red Team's "Steal Service Account Token"), its keys,
 * its injected secrets or the node's cloud identity turns one pod into the tenant's, or the
 * cluster's, credentials; a reverse shell or a downloaded payload is the attacker settling in; a
 * tar to stdout is data leaving. The summary names what the command did and the MITRE mapping
 * follows the first match in the order above (credential access, execution, ingress tool transfer,
 * exfiltration, obfuscation).
 *
 * <p>Independent of the cross-tenant precedence: a cross-tenant exec with a token-stealing command
 * raises both {@code cross-tenant-exec} and this. Does not fire for: platform identities; attach,
 * port-forward and proxy (no command); denied or failed requests (the command never ran); exec
 * commands that do none of the above ({@code ls /tmp}, {@code ssh -i key host}, an interactive
 * {@code bash}, an application's own secret volume such as {@code /var/run/secrets/app/config.yaml},
 * {@code tar xmf -} of {@code kubectl cp} into a pod, {@code tar czf /backup/data.tgz /data}).
 */
public final class ExecSuspiciousCommand extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "exec-suspicious-command",
            DetectorGroup.INTERACTIVE,
            Severity.HIGH,
            "Execution",
            "T1609 Container Administration Command",
            "Suspicious command run through exec");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, ExecSuspiciousCommand::new);

    private static final Trigger PODS = Trigger.audit("pods");

    /** A shell as a word: {@code sh}, {@code bash}, {@code /bin/dash}, not {@code ssh} or {@code shasum}. */
    private static final String SHELL = "(?:^|(?<=[\\s;&|(`'\"/]))(?:ba|da|z|k|a)?sh(?![\\w.-])";

    private static final String INTERPRETER =
            "(?:\\S*/)?(?:(?:ba|da|z|k|a)?sh|python[0-9.]*|perl|ruby|php|node)(?![\\w.-])";
    private static final String FETCH = "\\b(?:curl|wget)\\b";
    /** The projected-volume directory: /var/run/secrets/, /run/secrets/. */
    private static final String SECRETS_DIR = "(?:/var)?/run/secrets/";

    /** What a command can do, in the order an alert reports them; each with its patterns, compiled once. */
    enum Indicator {
        SERVICE_ACCOUNT_TOKEN(
                "service-account token",
                "Credential Access",
                "T1528 Steal Application Access Token",
                "kubernetes\\.io/serviceaccount",
                "/secrets/azure/tokens",
                "AZURE_FEDERATED_TOKEN_FILE",
                // any other projected token (EKS's, a Vault audience's), or the whole directory
                SECRETS_DIR + "[^\\s'\"]*token",
                SECRETS_DIR + "?(?=[\\s'\";|&)]|$)"),
        CREDENTIAL_FILE(
                "credential file",
                "Credential Access",
                "T1552.001 Credentials In Files",
                // SSH keys and kubeconfigs: ~/.ssh, /root/.ssh/id_rsa, $HOME/.kube/config
                "(?:^|(?<=[\\s'\"=:/]))\\.(?:ssh|kube)(?=[/\\s'\";|&)]|$)"),
        PASSWORD_HASHES(
                "password hashes", "Credential Access", "T1003.008 /etc/passwd and /etc/shadow", "/etc/g?shadow\\b"),
        PROCESS_ENVIRONMENT(
                "process environment",
                "Credential Access",
                "T1552 Unsecured Credentials",
                // another process's environment (or every one's: /proc/*/environ), where secrets are injected
                "/proc/[^/\\s]+/environ\\b"),
        INSTANCE_METADATA(
                "instance metadata",
                "Credential Access",
                "T1552.005 Cloud Instance Metadata API",
                "169\\.254\\.169\\.254",
                "168\\.63\\.129\\.16(?![0-9])",
                "\\b2852039166\\b",
                "(?i)\\b0xa9fea9fe\\b"),
        REVERSE_SHELL(
                "reverse shell",
                "Execution",
                "T1059.004 Unix Shell",
                "/dev/(?:tcp|udp)/",
                SHELL + "\\s+-[a-zA-Z]*i[a-zA-Z]*(?![\\w-])",
                "\\b(?:nc|ncat|netcat)\\b[^|;&]*\\s(?:-e|--exec|--sh-exec|--lua-exec)(?=[\\s=/]|$)",
                "\\bncat\\b[^|;&]*\\s-c(?=\\s|$)",
                "(?i)\\bsocat\\b.*\\bexec:",
                "\\bsocket\\b.*\\bconnect\\b.*(?:dup2|pty\\.spawn|subprocess|/bin/(?:ba)?sh)"),
        DOWNLOAD_AND_RUN(
                "download-and-run",
                "Command and Control",
                "T1105 Ingress Tool Transfer",
                FETCH + ".*\\|\\s*(?:sudo\\s+)?" + INTERPRETER,
                SHELL + "\\s+-c\\s+['\"]?(?:\\$\\(|`)\\s*(?:curl|wget)\\b",
                SHELL + "\\s+<\\(\\s*(?:curl|wget)\\b",
                FETCH + ".*\\bchmod\\s+(?:[ugoa]*\\+[rws]*x|0?[0-7]?[1357][0-7][0-7])\\b"),
        ARCHIVE_TO_STDOUT(
                "archive to stdout",
                "Exfiltration",
                "T1560.001 Archive via Utility",
                // kubectl cp from a pod runs "tar cf - PATH" and reads the archive off the stream; tar
                // without f writes to stdout as well. Extracting (kubectl cp into a pod: tar xmf -) is not here.
                "\\btar\\s+-?[A-Za-z]*c[A-Za-z]*f\\s*-(?=[\\s;|&]|$)",
                "\\btar\\s+-?[A-Za-eg-z]*c[A-Za-eg-z]*(?=[\\s;|&]|$)",
                "\\btar\\s+(?:-c|--create)\\b[^|;&]*\\s(?:-f|--file)[\\s=]?-(?=[\\s;|&]|$)"),
        ENCODED_COMMAND(
                "encoded command",
                "Defense Evasion",
                "T1027 Obfuscated Files or Information",
                "\\bbase64\\s+(?:-d|-D|--decode)\\b.*\\|\\s*(?:sudo\\s+)?" + INTERPRETER);

        private final String label;
        private final String tactic;
        private final String technique;
        private final List<Pattern> patterns;

        Indicator(String label, String tactic, String technique, String... patterns) {
            this.label = label;
            this.tactic = tactic;
            this.technique = technique;
            List<Pattern> compiled = new ArrayList<>(patterns.length);
            for (String p : patterns) {
                compiled.add(Pattern.compile(p));
            }
            this.patterns = List.copyOf(compiled);
        }

        String label() {
            return label;
        }

        /** The text that matched, or null. */
        String find(String command) {
            for (Pattern p : patterns) {
                Matcher m = p.matcher(command);
                if (m.find()) {
                    return m.group();
                }
            }
            return null;
        }
    }

    private static final Indicator[] INDICATORS = Indicator.values();

    public ExecSuspiciousCommand() {
        super(SPEC, PODS);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        if (!"exec".equals(event.subresource()) || event.isPlatformActor() || !event.isAllowed()) {
            return;
        }
        String command = event.execCommand();
        if (command == null || command.isEmpty()) {
            return;
        }
        List<Indicator> found = null;
        List<String> matches = null;
        for (Indicator indicator : INDICATORS) {
            String match = indicator.find(command);
            if (match != null) {
                if (found == null) {
                    found = new ArrayList<>(2);
                    matches = new ArrayList<>(2);
                }
                found.add(indicator);
                matches.add(match);
            }
        }
        if (found == null) {
            return;
        }
        List<String> labels = new ArrayList<>(found.size());
        for (Indicator indicator : found) {
            labels.add(indicator.label());
        }
        Indicator first = found.get(0);
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(Phrases.requestSummary(event) + " with a suspicious command (" + String.join(", ", labels)
                        + "): " + Phrases.inline(command))
                .mitre(new Alert.Mitre(first.tactic, first.technique));
        for (int i = 0; i < found.size(); i++) {
            alert.detail("indicator: " + found.get(i).label() + " ("
                    + Phrases.redact(matches.get(i).trim()) + ")");
        }
        alert.detail("command: " + Phrases.redact(command));
        alerts.accept(alert.build());
    }

    /** The indicators a command shows, in report order (for tests and replay explanations). */
    static List<Indicator> indicators(String command) {
        List<Indicator> found = new ArrayList<>(2);
        for (Indicator indicator : INDICATORS) {
            if (indicator.find(command) != null) {
                found.add(indicator);
            }
        }
        return found;
    }
}
