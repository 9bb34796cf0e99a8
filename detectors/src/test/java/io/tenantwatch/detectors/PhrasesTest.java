package io.tenantwatch.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.detectors.testing.AuditEvents;
import io.tenantwatch.detectors.testing.Identities;
import org.junit.jupiter.api.Test;

class PhrasesTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl";

    @Test
    void actorsSayWhomTheyBelongTo() {
        assertThat(Phrases.actor(AuditEvents.by(Identities.ERIN)
                        .list("pods", "beta-prod")
                        .context()))
                .isEqualTo("erin@contoso.com (tenants alpha, beta)");
        assertThat(Phrases.actor(AuditEvents.by(Identities.DAVE)
                        .list("pods", "beta-prod")
                        .context()))
                .isEqualTo("dave@fabrikam.com (unattributed)");
        assertThat(Phrases.actor(AuditEvents.by(Identities.AKS_SERVICE)
                        .list("pods", "beta-prod")
                        .context()))
                .isEqualTo("aksService (platform)");
    }

    @Test
    void placesNameTheNamespaceAndItsOwner() {
        assertThat(Phrases.place(
                        AuditEvents.by(Identities.ALICE).list("pods", "alpha").context()))
                .isEqualTo("namespace alpha of tenant alpha");
        assertThat(Phrases.place(AuditEvents.by(Identities.ALICE)
                        .list("pods", "ingress-nginx")
                        .context()))
                .isEqualTo("platform namespace ingress-nginx");
        assertThat(Phrases.place(
                        AuditEvents.by(Identities.ALICE).list("pods", "default").context()))
                .isEqualTo("namespace default (no tenant)");
        assertThat(Phrases.place(
                        AuditEvents.by(Identities.ALICE).list("nodes", null).context()))
                .isEqualTo("cluster scope");
    }

    @Test
    void requestsReadInThePastTense() {
        assertThat(Phrases.request(AuditEvents.by(Identities.ALICE)
                        .request("deletecollection", "pods", "alpha", null)
                        .context()))
                .isEqualTo("deleted all pods");
        assertThat(Phrases.request(AuditEvents.by(Identities.ALICE)
                        .request("escalate", "roles", "alpha", "admin")
                        .context()))
                .isEqualTo("used escalate on roles/admin");
    }

    @Test
    void tokensAreRedactedInTextAndInEncodedUris() {
        assertThat(Phrases.redact("curl -H 'Authorization: Bearer " + JWT + "' https://10.0.0.1"))
                .isEqualTo("curl -H 'Authorization: Bearer [redacted]' https://10.0.0.1");
        assertThat(Phrases.redact("wget --header=authorization:bearer s3cr3t-opaque-token http://x"))
                .isEqualTo("wget --header=authorization:bearer [redacted] http://x");
        assertThat(
                        Phrases.redact(
                                "/api/v1/namespaces/a/pods/p/exec?command=curl&command=Authorization%3A+Bearer+opaque123&stdout=true"))
                .isEqualTo(
                        "/api/v1/namespaces/a/pods/p/exec?command=curl&command=Authorization%3A+Bearer+[redacted]&stdout=true");
        assertThat(Phrases.redact("kubectl --token=" + JWT + " get pods"))
                .isEqualTo("kubectl --token=[redacted] get pods");
        assertThat(Phrases.redact("cat /etc/shadow")).isEqualTo("cat /etc/shadow");
        assertThat(Phrases.redact(null)).isNull();
    }

    @Test
    void inlineTextIsOneShortLine() {
        assertThat(Phrases.inline("a\nb")).isEqualTo("a b");
        assertThat(Phrases.inline("x".repeat(500))).hasSize(Phrases.MAX_INLINE).endsWith("…");
    }
}
