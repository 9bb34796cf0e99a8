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
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Severity;
import java.util.function.Consumer;

/**
 * {@code ephemeral-container}: an allowed write of pods/ephemeralcontainers by a non-platform
 * identity, that is, {@code kubectl debug POD --image=…}: a new container added to a running pod
 * (Falco's "EphemeralContainers Created").
 *
 * <p>Why it matters: it is exec with a chosen image. The debug container joins the pod's network
 * and (with {@code --target}) its process namespace, reads its memory and files and can use its
 * service-account token, while running tools the workload's own image never shipped and no image
 * pipeline reviewed; {@code --profile=sysadmin} makes it privileged. Unlike exec it also leaves a
 * container behind in the pod spec. The images of the resulting spec are in the evidence; a
 * privileged or host-mounting debug container is also raised by group B.
 *
 * <p>Does not fire for: platform identities; denied or failed writes; reads of the subresource;
 * {@code kubectl debug node/…} and {@code kubectl debug --copy-to}, which create a new pod (group
 * B sees its spec).
 */
public final class EphemeralContainer extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "ephemeral-container",
            DetectorGroup.INTERACTIVE,
            Severity.MEDIUM,
            "Execution",
            "T1610 Deploy Container",
            "Ephemeral container added to a pod");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, EphemeralContainer::new);

    private static final Trigger PODS = Trigger.audit("pods");

    public EphemeralContainer() {
        super(SPEC, PODS);
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        if (!"ephemeralcontainers".equals(event.subresource())
                || !event.isWriteVerb()
                || event.isPlatformActor()
                || !event.isAllowed()) {
            return;
        }
        AlertBuilder alert = AlertBuilder.of(SPEC, event).summary(Phrases.requestSummary(event));
        Facts.PodSpec podSpec = event.event().facts().podSpec();
        if (podSpec != null && !podSpec.images().isEmpty()) {
            alert.detail("images: " + String.join(", ", podSpec.images()));
        }
        alerts.accept(alert.build());
    }
}
