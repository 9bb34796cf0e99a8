package io.tenantwatch.ingest.falco;

import static io.tenantwatch.ingest.TestEvents.falcoAlert;
import static io.tenantwatch.ingest.TestEvents.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.ingest.CollectingSink;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.AlertKeys;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import io.tenantwatch.schemas.ResourceRef;
import io.tenantwatch.testkit.Corpus;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FalcoAlertReaderTest {

    @Test
    void mapsAnAlert() throws Exception {
        NormalizedEvent e = read(falcoAlert()).onlyEvent();
        assertThat(e.id()).isEqualTo("9a7c-1");
        assertThat(e.source()).isEqualTo("falco");
        assertThat(e.cluster()).isEqualTo("default");
        assertThat(e.time()).isEqualTo(Instant.parse("2024-01-02T03:04:05.123456789Z"));
        assertThat(e.actor().username()).isEqualTo("root");
        assertThat(e.actor().type()).isEqualTo(ActorType.PROCESS);
        assertThat(e.actor().podName()).isEqualTo("web-1");
        assertThat(e.resource()).isEqualTo(new ResourceRef(null, null, null, "alpha", null));
        assertThat(e.namespace()).isEqualTo("alpha");
        assertThat(e.falco().rule()).isEqualTo("Terminal shell in container");
        assertThat(e.falco().priority()).isEqualTo("Notice");
        assertThat(e.falco().tags()).containsExactly("shell");
        assertThat(e.falco().hostname()).isEqualTo("node-1");
        assertThat(e.falco().uuid()).isEqualTo("9a7c-1");
        // output (free text with command lines) is not kept anywhere.
        assertThat(Json.mapper().writeValueAsString(e)).doesNotContain("\"output\"", "cmd=sh -c secret");
    }

    @Test
    void integersKeepEveryDigit() throws Exception {
        ObjectNode alert = falcoAlert();
        ((ObjectNode) alert.get("output_fields"))
                .put("user.uid", new BigInteger("123456789012345678901234567890"))
                .put("proc.ppid", 6.6)
                .put("container.privileged", true)
                .putNull("k8s.pod.name");
        NormalizedEvent e = read(alert).onlyEvent();
        assertThat(e.falco().fields().get("evt.time")).isEqualTo(1704164645123456789L);
        assertThat(e.falco().fields().get("proc.tty")).isEqualTo(34816L);
        assertThat(e.falco().fields().get("user.uid")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(e.falco().fields().get("proc.ppid")).isEqualTo(6.6);
        assertThat(e.falco().fields().get("container.privileged")).isEqualTo(true);
        assertThat(e.falco().fields()).containsEntry("k8s.pod.name", null);
        assertThat(e.actor().podName()).isNull();
        assertThat(Json.mapper().writeValueAsString(e))
                .contains("1704164645123456789", "123456789012345678901234567890");
    }

    @Test
    void corpusNanosecondTimesSurviveWhole() {
        List<NormalizedEvent> events =
                read(Corpus.bytes("falco-alerts/falco_test_single_rule_with_cat_write.jsonl")).events;
        assertThat(events.get(0).falco().fields().get("evt.time.iso8601")).isEqualTo(1470327477881781397L);
        assertThat(events.get(0).time()).isEqualTo(Instant.parse("2016-08-04T16:17:57.881781397Z"));
    }

    @Test
    void withoutUuidTheIdHashesTimeRuleHostnameAndOutput() {
        ObjectNode alert = falcoAlert();
        alert.remove("uuid");
        NormalizedEvent e = read(alert).onlyEvent();
        assertThat(e.id())
                .isEqualTo(AlertKeys.hash(
                        "2024-01-02T03:04:05.123456789Z",
                        "Terminal shell in container",
                        "node-1",
                        "12:00:00.000000001: Notice shell (user=root cmd=sh -c secret)"));
        assertThat(read(alert).onlyEvent().id()).isEqualTo(e.id());
        assertThat(e.falco().uuid()).isNull();
    }

    @Test
    void kubernetesAuditAlertsNameTheUserAndTargetNamespace() {
        NormalizedEvent e = read(Corpus.bytes(
                        "falco-alerts/falco-website__blog_falco-plugin-k8saudit-eks__c47da4cb.jsonl"))
                .events
                .get(0);
        assertThat(e.actor().username()).isEqualTo("system:node:ip-192-168-34-135.ec2.internal");
        assertThat(e.namespace()).isEqualTo("default");
    }

    @Test
    void missingSourceMeansSyscallAndOtherSourcesAreNotRuntime() {
        ObjectNode noSource = falcoAlert();
        noSource.remove("source");
        assertThat(read(noSource).onlyEvent()).isNotNull();
        assertThat(read(falcoAlert().put("source", "syscalls")).onlyEvent()).isNotNull();
        assertThat(read(falcoAlert().put("source", "k8s_audit")).onlyEvent()).isNotNull();
        CollectingSink.Outcome plugin =
                read(falcoAlert().put("source", "gcp_auditlog")).onlySkip();
        assertThat(plugin.reason()).isEqualTo(Reason.NOT_RUNTIME);
        assertThat(plugin.detail()).contains("gcp_auditlog");
        assertThat(read(falcoAlert().put("rule", "Falco internal: syscall event drop"))
                        .onlySkip()
                        .reason())
                .isEqualTo(Reason.NOT_RUNTIME);
    }

    @Test
    void validatesTheRest() {
        ObjectNode noTime = falcoAlert();
        noTime.remove("time");
        assertThat(read(noTime).onlyRejection().reason()).isEqualTo(Reason.MISSING_FIELD);
        ObjectNode noPriority = falcoAlert();
        noPriority.remove("priority");
        assertThat(read(noPriority).onlyRejection().detail()).contains("priority");
        assertThat(read(falcoAlert().put("rule", 5)).onlyRejection().reason()).isEqualTo(Reason.BAD_FIELD_TYPE);
        assertThat(read(falcoAlert().put("tags", "shell")).onlyRejection().reason())
                .isEqualTo(Reason.BAD_FIELD_TYPE);
        assertThat(read(falcoAlert().put("time", "2021-04-13T20:58:00.746609046Z+2"))
                        .onlyRejection()
                        .reason())
                .isEqualTo(Reason.BAD_FIELD_TYPE);
    }

    @Test
    void naValuesAreUnknown() {
        ObjectNode alert = falcoAlert();
        ((ObjectNode) alert.get("output_fields")).put("k8s.ns.name", "<NA>");
        assertThat(read(alert).onlyEvent().namespace()).isNull();
    }
}
