package io.tenantwatch.alerting.testing;

import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.AlertKeys;
import io.tenantwatch.schemas.Severity;
import java.time.Instant;
import java.util.List;

/** Alerts as the detectors write them, with the fields a test varies. */
public final class TestAlerts {

    public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private TestAlerts() {}

    /** A pod-exec alert in {@code tenant}'s namespace; {@code n} makes the evidence (and id) unique. */
    public static Alert alert(String tenant, String namespace, Severity severity, int n) {
        return alert(
                "pod-exec", tenant, namespace, severity, "api-" + n, T0.plusSeconds(n), "audit-" + tenant + "-" + n);
    }

    /** Same finding (same fingerprint) each time; the audit id (and so the alert id) differs per {@code auditId}. */
    public static Alert alert(
            String detector,
            String tenant,
            String namespace,
            Severity severity,
            String podName,
            Instant time,
            String auditId) {
        String cluster = "aks-prod";
        String user = "mallory@contoso.com";
        return new Alert(
                Alert.SCHEMA_VERSION,
                AlertKeys.alertId(detector, cluster, auditId),
                AlertKeys.hash(detector, cluster, tenant, user, namespace, "pods", podName),
                detector,
                severity,
                "Exec or attach into a pod",
                user + " exec'd into " + namespace + "/" + podName,
                time,
                null,
                null,
                cluster,
                tenant,
                List.of("gamma"),
                namespace,
                new Alert.AlertActor(user, ActorType.USER, ActorClass.TENANT_MEMBER, List.of("devs"), null, null),
                "create",
                new Alert.AlertResource(null, "pods", "exec", podName),
                "k8s-audit",
                new Alert.Evidence(
                        List.of(auditId),
                        1,
                        List.of("10.0.0.7"),
                        "kubectl/v1.30",
                        "/api/v1/namespaces/" + namespace + "/pods/" + podName + "/exec?command=sh",
                        null,
                        null,
                        List.of(),
                        List.of()),
                new Alert.Mitre("Execution", "T1609 Container Administration Command"));
    }
}
