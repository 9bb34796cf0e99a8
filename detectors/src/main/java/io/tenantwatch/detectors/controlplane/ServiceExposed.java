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
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code service-exposed}: a non-platform identity creates, updates or patches a Service of type
 * {@code NodePort}, or of type {@code LoadBalancer} without
 * {@code service.beta.kubernetes.io/azure-load-balancer-internal: "true"}, and the API server allows
 * it. Falco's "Create NodePort Service" covers the first half.
 *
 * <p>Why it matters: a NodePort opens the workload on every node's address, past the ingress
 * controller, its TLS and its authentication; on AKS a LoadBalancer without the internal annotation
 * gets a public IP. Either puts a tenant's (or an attacker's) pod on the network edge, a way back in
 * that no NetworkPolicy of the namespace closes.
 *
 * <p>Reads the Service type and annotations ingest extracted from the stored object (or, for a
 * patch that carries no stored object, from the patch). The internal annotation counts only with
 * the exact value {@code "true"}, as the Azure cloud provider reads it: {@code "True"} or
 * {@code "false"} give a public IP.
 *
 * <p>Does not fire for: platform identities (the ingress controller's public LoadBalancer that the
 * platform team deploys); ClusterIP, headless and ExternalName Services; internal load balancers;
 * deletes; {@code status} writes (the cloud controller filling in the load balancer's IP); writes
 * that were denied or failed; a patch whose body does not carry the type (nothing to judge without
 * the stored object: audit at RequestResponse level for Services to see it).
 */
public final class ServiceExposed extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "service-exposed",
            DetectorGroup.CONTROL_PLANE,
            Severity.MEDIUM,
            "Persistence",
            "T1133 External Remote Services",
            "Service exposed outside the cluster");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, ServiceExposed::new);

    static final String NODE_PORT = "NodePort";
    static final String LOAD_BALANCER = "LoadBalancer";
    static final String AZURE_INTERNAL = "service.beta.kubernetes.io/azure-load-balancer-internal";
    private static final Trigger SERVICES = Trigger.audit("services");

    public ServiceExposed() {
        super(SPEC, SERVICES);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        Facts.Service service = event.event().facts().service();
        if (service == null
                || !exposes(service)
                || !event.inCoreApiGroup()
                || !event.isAllowedObjectWriteByNonPlatform()) {
            return;
        }
        String how = NODE_PORT.equals(service.type()) ? "as NodePort on every node" : "on a public LoadBalancer";
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(Phrases.requestSummary(event) + ", exposed " + how)
                .detail("type: " + service.type());
        if (LOAD_BALANCER.equals(service.type())) {
            String internal = service.annotations().get(AZURE_INTERNAL);
            alert.detail(internal == null ? AZURE_INTERNAL + ": (not set)" : AZURE_INTERNAL + ": " + internal);
        }
        // The other load-balancer settings (IP, DNS label, allowed source ranges) tell how far it is exposed.
        for (Map.Entry<String, String> annotation : new TreeMap<>(service.annotations()).entrySet()) {
            if (!AZURE_INTERNAL.equals(annotation.getKey())) {
                alert.detail(annotation.getKey() + ": " + Phrases.inline(annotation.getValue()));
            }
        }
        alert.authorizationDetail();
        alerts.accept(alert.build());
    }

    /** NodePort, or LoadBalancer that the Azure cloud provider will not make internal. */
    static boolean exposes(Facts.Service service) {
        if (NODE_PORT.equals(service.type())) {
            return true;
        }
        return LOAD_BALANCER.equals(service.type())
                && !"true".equals(service.annotations().get(AZURE_INTERNAL));
    }
}
