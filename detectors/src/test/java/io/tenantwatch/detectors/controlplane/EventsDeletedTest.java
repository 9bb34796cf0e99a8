package io.tenantwatch.detectors.controlplane;

import static io.tenantwatch.detectors.testing.ControlPlaneEvents.NAMESPACE_CONTROLLER;
import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.DAVE;
import static io.tenantwatch.detectors.testing.Identities.MASTERCLIENT;
import static io.tenantwatch.detectors.testing.Identities.NODE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.ControlPlaneEvents;
import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;

class EventsDeletedTest {

    private static final String ID = "events-deleted";
    private static final String EVENT_NAME = "payments-api-6d9f7c8b5-q7x2k.17c5d2a3b4e5f601";

    @Test
    void aTenantMemberWipingItsNamespacesEventsIsRaised() {
        Alert alert = Detect.single(
                ID,
                ControlPlaneEvents.by(ALICE)
                        .deleteCollection("events", "alpha-prod")
                        .build());

        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.tenant()).isEqualTo("alpha");
        assertThat(alert.summary())
                .isEqualTo(
                        "alice@contoso.com (tenant alpha) deleted all events in namespace alpha-prod of tenant alpha");
        assertThat(alert.evidence().details())
                .containsExactly(
                        "api group: core",
                        "authorization: RBAC: allowed by RoleBinding \"events-access/alpha-prod\" of ClusterRole \"edit\" to User \"alice@contoso.com\"");
        assertThat(alert.evidence().requestURI()).isEqualTo("/api/v1/namespaces/alpha-prod/events");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Defense Evasion", "T1070 Indicator Removal"));
    }

    @Test
    void oneEventDeletedThroughEventsK8sIoIsRaised() {
        Alert alert = Detect.single(
                ID,
                ControlPlaneEvents.by(DAVE)
                        .delete("events", "beta-prod", EVENT_NAME)
                        .apiGroup("events.k8s.io")
                        .build());

        assertThat(alert.summary())
                .isEqualTo("dave@fabrikam.com (unattributed) deleted events/" + EVENT_NAME
                        + " in namespace beta-prod of tenant beta");
        assertThat(alert.resource().apiGroup()).isEqualTo("events.k8s.io");
        assertThat(alert.evidence().details()).startsWith("api group: events.k8s.io");
        assertThat(alert.evidence().requestURI())
                .isEqualTo("/apis/events.k8s.io/v1/namespaces/beta-prod/events/" + EVENT_NAME);
    }

    @Test
    void deletingEveryEventOfTheClusterSaysSo() {
        Alert alert = Detect.single(
                ID,
                ControlPlaneEvents.by(MASTERCLIENT)
                        .deleteCollection("events", null)
                        .build());

        assertThat(alert.summary()).isEqualTo("masterclient (admin) deleted all events across all namespaces");
        assertThat(alert.tenant()).isNull();
    }

    @Test
    void theNamespaceControllerEmptyingADeletedNamespaceIsQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(NAMESPACE_CONTROLLER)
                                .deleteCollection("events", "beta-old")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(NAMESPACE_CONTROLLER)
                                .deleteCollection("events", "beta-old")
                                .apiGroup("events.k8s.io")
                                .build()))
                .isEmpty();
    }

    @Test
    void writingReadingAndFailedDeletesAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(NODE)
                                .create("events", "alpha-prod", EVENT_NAME)
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .list("events", "alpha-prod")
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .patch("events", "alpha-prod", EVENT_NAME)
                                .build()))
                .isEmpty();
        // an Event that had already expired
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .delete("events", "alpha-prod", EVENT_NAME)
                                .code(404)
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .deleteCollection("events", "beta-prod")
                                .forbidden()
                                .build()))
                .isEmpty();
    }

    @Test
    void aCustomResourceCalledEventsIsQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        ControlPlaneEvents.by(ALICE)
                                .delete("events", "alpha-prod", "release-42")
                                .apiGroup("argoproj.io")
                                .build()))
                .isEmpty();
    }
}
