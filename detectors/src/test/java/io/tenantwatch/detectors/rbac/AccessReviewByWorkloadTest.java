package io.tenantwatch.detectors.rbac;

import static io.tenantwatch.detectors.testing.Identities.ALICE;
import static io.tenantwatch.detectors.testing.Identities.PROMETHEUS;
import static io.tenantwatch.detectors.testing.Identities.impersonating;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.Detect;
import io.tenantwatch.detectors.testing.RbacEvents;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import org.junit.jupiter.api.Test;

class AccessReviewByWorkloadTest {

    private static final String ID = "access-review-by-workload";
    private static final String POD = "web-7d4b9c8f5-x2x9q";
    private static final Actor WEB_POD = RbacEvents.podServiceAccount("alpha-prod", "web", POD);

    @Test
    void aPodListingItsOwnPermissionsIsRaisedWithThePod() {
        Alert alert = Detect.single(
                ID,
                RbacEvents.by(WEB_POD)
                        .create("selfsubjectrulesreviews", null, null)
                        .build());

        assertThat(alert.severity()).isEqualTo(Severity.LOW);
        assertThat(alert.actor().podName()).isEqualTo(POD);
        assertThat(alert.actorTenants()).containsExactly("alpha");
        assertThat(alert.evidence().requestURI()).isEqualTo("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews");
        assertThat(alert.summary())
                .isEqualTo("system:serviceaccount:alpha-prod:web (tenant alpha) listed its own permissions "
                        + "(kubectl auth can-i --list) from pod " + POD);
        assertThat(alert.evidence().details())
                .containsExactly(
                        "review: selfsubjectrulesreviews: every permission of the caller in a namespace",
                        "pod: alpha-prod/" + POD + " (the pod the token was issued to)",
                        "authorization: RBAC: allowed by ClusterRoleBinding \"system-serviceaccount-alpha-prod-web-binding\" of "
                                + "ClusterRole \"tenant-operator\" to ServiceAccount \"system:serviceaccount:alpha-prod:web\"");
        assertThat(alert.mitre()).isEqualTo(new Alert.Mitre("Discovery", "T1069 Permission Groups Discovery"));
    }

    @Test
    void aSingleCanIQuestionIsRaisedToo() {
        Alert alert = Detect.single(
                ID,
                RbacEvents.by(WEB_POD)
                        .create("selfsubjectaccessreviews", null, null)
                        .build());

        assertThat(alert.summary())
                .isEqualTo("system:serviceaccount:alpha-prod:web (tenant alpha) checked one of its own "
                        + "permissions (kubectl auth can-i) from pod " + POD);
    }

    @Test
    void peopleAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .create("selfsubjectrulesreviews", null, null)
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(ALICE)
                                .create("selfsubjectaccessreviews", null, null)
                                .build()))
                .isEmpty();
    }

    @Test
    void aPersonCheckingAServiceAccountWithAsIsQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(impersonating(WEB_POD, "alice@contoso.com"))
                                .create("selfsubjectrulesreviews", null, null)
                                .build()))
                .isEmpty();
    }

    @Test
    void platformServiceAccountsAndReviewsForOthersAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(PROMETHEUS)
                                .create("selfsubjectaccessreviews", null, null)
                                .build()))
                .isEmpty();
        // webhooks and aggregated API servers ask about others
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(WEB_POD)
                                .create("subjectaccessreviews", null, null)
                                .build()))
                .isEmpty();
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(WEB_POD)
                                .create("localsubjectaccessreviews", "alpha-prod", null)
                                .build()))
                .isEmpty();
    }

    @Test
    void refusedReviewsAreQuiet() {
        assertThat(Detect.raisedBy(
                        ID,
                        RbacEvents.by(WEB_POD)
                                .create("selfsubjectrulesreviews", null, null)
                                .forbidden()
                                .build()))
                .isEmpty();
    }
}
