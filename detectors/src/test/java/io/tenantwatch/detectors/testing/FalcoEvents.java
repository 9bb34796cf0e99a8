package io.tenantwatch.detectors.testing;

import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.FalcoFacts;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.ResourceRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Normalized Falco alerts shaped like falcosidekick's output ({@code corpus/falco-alerts}: rule,
 * priority, tags, hostname, uuid, typed output_fields), attributed through the real Attributor.
 */
public final class FalcoEvents {

    public static final Instant T0 = Instant.parse("2024-05-14T09:14:05.478445995Z");
    public static final String NODE = "aks-nodepool1-38290378-vmss000000";

    private FalcoEvents() {}

    public static Builder alert(String rule, String priority) {
        return new Builder(rule, priority);
    }

    /** Falco's "Terminal shell in container" rule, as its default rule set tags it. */
    public static Builder terminalShell(String namespace, String pod) {
        return alert("Terminal shell in container", "Notice")
                .tags("maturity_stable", "container", "shell", "mitre_execution", "T1059")
                .pod(namespace, pod)
                .field("container.name", "web")
                .field("container.image.repository", "contoso.azurecr.io/alpha/web")
                .field("container.image.tag", "1.4.2")
                .field("proc.cmdline", "sh -c clear; (bash || ash || sh)")
                .field("proc.name", "sh")
                .field("proc.pname", "runc")
                .field("proc.tty", 34816L);
    }

    /** Falco's "Read sensitive file untrusted" rule. */
    public static Builder sensitiveFileRead(String namespace, String pod) {
        return alert("Read sensitive file untrusted", "Warning")
                .tags("T1555", "container", "filesystem", "host", "maturity_stable", "mitre_credential_access")
                .pod(namespace, pod)
                .field("container.name", "web")
                .field("fd.name", "/etc/shadow")
                .field("proc.cmdline", "cat /etc/shadow")
                .field("proc.name", "cat");
    }

    public static final class Builder {
        private final String rule;
        private final String priority;
        private List<String> tags = List.of();
        private String namespace;
        private String pod;
        private String uuid;
        private String hostname = NODE;
        private Instant time = T0;
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Builder(String rule, String priority) {
            this.rule = rule;
            this.priority = priority;
            fields.put("evt.time", 1715678045478445995L);
            fields.put("user.name", "root");
            fields.put("user.loginuid", -1L);
        }

        public Builder tags(String... values) {
            tags = List.of(values);
            return this;
        }

        /** The pod the alert is about; a null namespace is a host process ({@code k8s.ns.name} null). */
        public Builder pod(String namespaceName, String podName) {
            namespace = namespaceName;
            pod = podName;
            fields.put("k8s.ns.name", namespaceName);
            fields.put("k8s.pod.name", podName);
            fields.put("container.id", podName == null ? "host" : "ee97d9c4186f");
            return this;
        }

        public Builder field(String name, Object value) {
            fields.put(name, value);
            return this;
        }

        public Builder uuid(String value) {
            uuid = value;
            return this;
        }

        public Builder at(Instant value) {
            time = value;
            return this;
        }

        public NormalizedEvent normalized() {
            String id = uuid != null
                    ? uuid
                    : UUID.nameUUIDFromBytes(
                                    (time + "|" + rule + "|" + hostname + "|" + pod).getBytes(StandardCharsets.UTF_8))
                            .toString();
            Actor processUser = new Actor(
                    String.valueOf(fields.get("user.name")),
                    null,
                    List.of(),
                    null,
                    null,
                    ActorType.PROCESS,
                    null,
                    null,
                    null,
                    null);
            ResourceRef ref =
                    namespace == null && pod == null ? null : new ResourceRef(null, null, null, namespace, pod);
            return new NormalizedEvent(
                    id,
                    NormalizedEvent.SOURCE_FALCO,
                    TenancyFixtures.CLUSTER,
                    null,
                    time,
                    null,
                    null,
                    processUser,
                    null,
                    ref,
                    null,
                    null,
                    null,
                    List.of(),
                    null,
                    Map.of(),
                    null,
                    new FalcoFacts(rule, priority, tags, hostname, id, fields),
                    null,
                    null,
                    null);
        }

        public NormalizedEvent build() {
            return TenancyFixtures.ATTRIBUTOR.attribute(normalized());
        }

        public EventContext context() {
            return new EventContext(build());
        }
    }
}
