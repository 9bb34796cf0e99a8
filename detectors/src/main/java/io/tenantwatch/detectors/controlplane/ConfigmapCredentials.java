package io.tenantwatch.detectors.controlplane;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code configmap-credentials}: a non-platform identity creates, updates or patches a ConfigMap
 * with keys whose name or value looks like a credential (AWS access keys, passwords, passphrases,
 * OAuth client secrets, Azure storage {@code AccountKey=}, PEM private keys), and the API server
 * allows it. The matching is done by ingest, which sees the values and keeps only the key names
 * ({@code facts.configMap.credentialKeys}); Falco's "Create/Modify Configmap With Private
 * Credentials" is the same check.
 *
 * <p>Why it matters: a ConfigMap is not a Secret. It is not encrypted at rest with the Secret
 * provider, it is readable by every role that may read configuration ({@code view} included), it
 * is mounted without care and it ends up in Git and in support bundles. A credential in one is a
 * credential every reader of the namespace has.
 *
 * <p>The alert names the keys ({@code evidence.keys}), never a value: the person who gets the alert
 * must not receive the credential too. Does not fire for: platform identities (group E default:
 * add-ons managing their own configuration); ConfigMaps with no credential-looking key or value;
 * deletes and reads; writes that were denied or failed; a Metadata-level audit event, which carries
 * no body to judge.
 */
public final class ConfigmapCredentials extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "configmap-credentials",
            DetectorGroup.CONTROL_PLANE,
            Severity.MEDIUM,
            "Credential Access",
            "T1552 Unsecured Credentials",
            "Credentials stored in a ConfigMap");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, ConfigmapCredentials::new);

    private static final Trigger CONFIGMAPS = Trigger.audit("configmaps");

    public ConfigmapCredentials() {
        super(SPEC, CONFIGMAPS);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        Facts.ConfigMap configMap = event.event().facts().configMap();
        if (configMap == null
                || configMap.credentialKeys().isEmpty()
                || !event.inCoreApiGroup()
                || !event.isAllowedObjectWriteByNonPlatform()) {
            return;
        }
        List<String> credentialKeys = configMap.credentialKeys();
        String keys = String.join(", ", credentialKeys);
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(Phrases.requestSummary(event)
                        + (credentialKeys.size() == 1
                                ? " with a credential-looking key: "
                                : " with credential-looking keys: ")
                        + Phrases.inline(keys));
        for (String key : credentialKeys) {
            alert.key(key);
        }
        int total = Math.max(configMap.keys().size(), credentialKeys.size());
        alert.detail("credential-looking keys: " + credentialKeys.size() + " of " + total
                + " (key name or value matched; values are not kept)");
        alert.authorizationDetail();
        alerts.accept(alert.build());
    }
}
