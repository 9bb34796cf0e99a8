package io.tenantwatch.ingest.audit;

import static io.tenantwatch.ingest.TestEvents.MAPPER;
import static io.tenantwatch.ingest.TestEvents.auditEvent;
import static io.tenantwatch.ingest.TestEvents.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.ingest.CollectingSink;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import io.tenantwatch.schemas.ResourceRef;
import io.tenantwatch.testkit.Corpus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditNormalizationTest {

    @Test
    void mapsEveryField() {
        ObjectNode e = auditEvent();
        e.putObject("user")
                .put("username", "system:serviceaccount:alpha:deployer")
                .put("uid", "u-9")
                .<ObjectNode>set("groups", MAPPER.createArrayNode().add("system:serviceaccounts"))
                .putObject("extra")
                .<ObjectNode>set(
                        "authentication.kubernetes.io/pod-name",
                        MAPPER.createArrayNode().add("web-1"))
                .<ObjectNode>set(
                        "authentication.kubernetes.io/credential-id",
                        MAPPER.createArrayNode().add("JTI=abc"))
                .set("oid", MAPPER.createArrayNode().add("0000-oid"));

        NormalizedEvent n = read(e).onlyEvent();

        assertThat(n.id()).isEqualTo("a-1");
        assertThat(n.auditId()).isEqualTo("a-1");
        assertThat(n.source()).isEqualTo("k8s-audit");
        assertThat(n.cluster()).isEqualTo("default");
        assertThat(n.clusterResourceId()).isNull();
        assertThat(n.time()).isEqualTo(Instant.parse("2024-01-02T03:04:05.123456Z"));
        assertThat(n.stage()).isEqualTo("ResponseComplete");
        assertThat(n.verb()).isEqualTo("get");
        assertThat(n.requestURI()).isEqualTo("/api/v1/namespaces/default/pods/nginx");
        assertThat(n.code()).isEqualTo(200);
        assertThat(n.decision()).isEqualTo("allow");
        assertThat(n.sourceIPs()).containsExactly("10.0.0.1", "20.0.0.2");
        assertThat(n.userAgent()).isEqualTo("kubectl/v1.30");
        assertThat(n.annotations()).containsEntry("authorization.k8s.io/reason", "RBAC");
        assertThat(n.resource()).isEqualTo(new ResourceRef(null, "pods", null, "default", "nginx"));
        Actor a = n.actor();
        assertThat(a.username()).isEqualTo("system:serviceaccount:alpha:deployer");
        assertThat(a.type()).isEqualTo(ActorType.SERVICEACCOUNT);
        assertThat(a.serviceAccountNamespace()).isEqualTo("alpha");
        assertThat(a.uid()).isEqualTo("u-9");
        assertThat(a.groups()).containsExactly("system:serviceaccounts");
        assertThat(a.extraOid()).isEqualTo("0000-oid");
        assertThat(a.podName()).isEqualTo("web-1");
        assertThat(a.credentialId()).isEqualTo("JTI=abc");
        assertThat(a.actorClass()).isNull();
        assertThat(a.impersonatedBy()).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "system:node:aks-nodepool1-1, NODE",
        "system:anonymous, ANONYMOUS",
        "masterclient, USER",
        "system:serviceaccount:kube-system:coredns, SERVICEACCOUNT",
        "system:serviceaccount:broken, USER",
    })
    void actorTypes(String username, ActorType type) {
        ObjectNode e = auditEvent();
        ((ObjectNode) e.get("user")).put("username", username);
        assertThat(read(e).onlyEvent().actor().type()).isEqualTo(type);
    }

    @Test
    void theImpersonatedIdentityIsTheActor() {
        ObjectNode e = auditEvent();
        ((ObjectNode) e.get("user"))
                .putObject("extra")
                .set(
                        "authentication.kubernetes.io/credential-id",
                        MAPPER.createArrayNode().add("JTI=real"));
        ObjectNode imp = e.putObject("impersonatedUser").put("username", "system:serviceaccount:beta:builder");
        imp.putArray("groups").add("system:masters");
        imp.putObject("extra")
                .set(
                        "authentication.kubernetes.io/credential-id",
                        MAPPER.createArrayNode().add("JTI=forged"));

        Actor a = read(e).onlyEvent().actor();

        assertThat(a.username()).isEqualTo("system:serviceaccount:beta:builder");
        assertThat(a.type()).isEqualTo(ActorType.SERVICEACCOUNT);
        assertThat(a.serviceAccountNamespace()).isEqualTo("beta");
        assertThat(a.groups()).containsExactly("system:masters");
        assertThat(a.impersonatedBy()).isEqualTo("alice@contoso.com");
        // The credential is the one on the wire, not what the impersonator claims.
        assertThat(a.credentialId()).isEqualTo("JTI=real");
    }

    @Test
    void impersonationWithoutAUsernameIsMissingAField() {
        ObjectNode e = auditEvent();
        e.putObject("impersonatedUser").putArray("groups").add("system:masters");
        assertThat(read(e).onlyRejection().detail()).contains("impersonatedUser.username");
    }

    @ParameterizedTest
    @CsvSource({
        "ResponseComplete, , true",
        "ResponseStarted, , false",
        "RequestReceived, , false",
        "Panic, , false",
        "Whatever, , false",
        "ResponseStarted, exec, true",
        "ResponseComplete, exec, true",
        "ResponseComplete, attach, true",
        "ResponseComplete, portforward, true",
        "ResponseStarted, attach, true",
        "ResponseStarted, portforward, true",
        "ResponseStarted, proxy, true",
        "ResponseComplete, proxy, true",
        "RequestReceived, exec, false",
        "ResponseComplete, log, true",
    })
    void countedStages(String stage, String subresource, boolean counted) {
        ObjectNode e = auditEvent().put("stage", stage);
        if (subresource != null) {
            ((ObjectNode) e.get("objectRef")).put("subresource", subresource);
        }
        CollectingSink sink = read(e);
        if (counted) {
            assertThat(sink.onlyEvent().stage()).isEqualTo(stage);
        } else {
            assertThat(sink.onlySkip().reason()).isEqualTo(Reason.STAGE);
        }
    }

    @Test
    void execOfACorpusEventCountsAtResponseStarted() {
        NormalizedEvent exec =
                read(Corpus.bytes("falco-k8s-audit/exec_pod.json")).onlyEvent();
        assertThat(exec.stage()).isEqualTo("ResponseStarted");
        assertThat(exec.resource().qualifiedResource()).isEqualTo("pods/exec");
        assertThat(exec.requestURI()).contains("command=bash");
        assertThat(exec.code()).isEqualTo(101);
    }

    @Test
    void timeFallsBackToRequestReceivedThenToTheOldTimestamp() {
        ObjectNode e = auditEvent();
        e.remove("stageTimestamp");
        assertThat(read(e).onlyEvent().time()).isEqualTo(Instant.parse("2024-01-02T03:04:05.000001Z"));
        e.remove("requestReceivedTimestamp");
        e.put("timestamp", "2018-10-26T13:42:46Z");
        assertThat(read(e).onlyEvent().time()).isEqualTo(Instant.parse("2018-10-26T13:42:46Z"));
        e.remove("timestamp");
        assertThat(read(e).onlyRejection().reason()).isEqualTo(Reason.MISSING_FIELD);
    }

    @Test
    void emptyObjectRefStringsAreNullAndNonResourceRequestsHaveNoResource() {
        ObjectNode e = auditEvent();
        ((ObjectNode) e.get("objectRef")).put("apiGroup", "").put("subresource", "");
        assertThat(read(e).onlyEvent().resource()).isEqualTo(new ResourceRef(null, "pods", null, "default", "nginx"));
        e.remove("objectRef");
        e.put("requestURI", "/healthz");
        NormalizedEvent n = read(e).onlyEvent();
        assertThat(n.resource()).isNull();
        assertThat(n.namespace()).isNull();
    }

    @Test
    void anEventWithoutKindIsRecognizedByAuditIdAndStage() {
        ObjectNode e = auditEvent();
        e.remove("kind");
        e.remove("apiVersion");
        assertThat(read(e).onlyEvent().auditId()).isEqualTo("a-1");
    }

    @Test
    void oldWebhookFormWithSortedKeysAndNoApiVersion() {
        NormalizedEvent n =
                read(Corpus.bytes("falco-k8s-audit/attach_pod.json")).onlyEvent();
        assertThat(n.resource())
                .isEqualTo(new ResourceRef(null, "pods", "attach", "default", "nginx-deployment-7998647bdf-phvq7"));
        assertThat(n.actor().groups()).contains("system:masters");
    }

    @Test
    void webhookPatchAnnotationsAreLeftOutBecauseTheyQuoteBodies() {
        ObjectNode e = auditEvent();
        ((ObjectNode) e.get("annotations"))
                .put(
                        "patch.webhook.admission.k8s.io/round_0_index_0",
                        "{\"patch\":[{\"op\":\"add\",\"value\":\"c2VjcmV0\"}]}")
                .put("mutation.webhook.admission.k8s.io/round_0_index_0", "{\"mutated\":true}")
                .put("pod-security.kubernetes.io/audit-violations", "privileged");
        Map<String, String> annotations = read(e).onlyEvent().annotations();
        assertThat(annotations)
                .containsKeys(
                        "mutation.webhook.admission.k8s.io/round_0_index_0",
                        "pod-security.kubernetes.io/audit-violations");
        assertThat(annotations).doesNotContainKey("patch.webhook.admission.k8s.io/round_0_index_0");
    }

    @Test
    void aDeniedRequestKeepsCodeAndDecision() {
        ObjectNode e = auditEvent();
        ((ObjectNode) e.get("annotations")).put("authorization.k8s.io/decision", "forbid");
        ((ObjectNode) e.get("responseStatus")).put("code", 403);
        NormalizedEvent n = read(e).onlyEvent();
        assertThat(n.decision()).isEqualTo("forbid");
        assertThat(n.code()).isEqualTo(403);
    }
}
