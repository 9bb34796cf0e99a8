package io.tenantwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.detectors.BuiltInDetectors;
import io.tenantwatch.detectors.DetectionListener;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.attribution.Attributor;
import io.tenantwatch.detectors.attribution.ClusterTenancy;
import io.tenantwatch.detectors.config.ConfiguredDetectors;
import io.tenantwatch.detectors.config.DetectorConfig;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.ingest.InputReader;
import io.tenantwatch.ingest.ReadSink;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.Reason;
import io.tenantwatch.schemas.StaticTenancy;
import io.tenantwatch.schemas.TenancyConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * tenantwatch's own deployment passes its own detectors: every object the chart renders (default
 * and full values), and every pod its workloads' controllers would create from them, is written as
 * a realistic audit event (create, ResponseComplete, RequestResponse, the object as request and
 * response body), read by ingest's readers as the receivers read it, attributed and run through
 * the configured catalogue. Nothing of groups B (privileged workloads), D (RBAC and identity) or E
 * (control plane) may fire, whether a GitOps controller or a tenant's admin installs it.
 */
class DogfoodTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLUSTER = "aks-prod";
    private static final Set<DetectorGroup> MUST_STAY_SILENT =
            EnumSet.of(DetectorGroup.WORKLOAD, DetectorGroup.RBAC, DetectorGroup.CONTROL_PLANE);
    private static final Set<String> CLUSTER_SCOPED = Set.of("ClusterRole", "ClusterRoleBinding", "Namespace");

    /** Flux's helm-controller; flux-system is not a platform namespace here, so it is judged as a non-platform actor. */
    static final Actor GITOPS = new Actor(
            "system:serviceaccount:flux-system:helm-controller",
            List.of("system:serviceaccounts", "system:serviceaccounts:flux-system", "system:authenticated"),
            "helm-controller/v1.1.0 (linux/amd64) helm/v3.16.3");
    /** A person who administers the tenant that owns the tenantwatch namespace. */
    static final Actor TENANT_ADMIN =
            new Actor("secops-admin@contoso.com", List.of("system:authenticated"), "Helm/3.16.3");

    private static final TenancyConfig TENANCY = new TenancyConfig(
            null,
            List.of(new TenancyConfig.Tenant(
                    "secops", List.of(RenderedChart.NAMESPACE), List.of(TENANT_ADMIN.username()), null, null, null)),
            null,
            null);

    record Actor(String username, List<String> groups, String userAgent) {}

    private final InputReader reader = new InputReader();
    private final Attributor attributor = new Attributor(new StaticTenancy(TENANCY), ClusterTenancy.NONE);
    private final ConfiguredDetectors detection =
            ConfiguredDetectors.build(BuiltInDetectors.definitions(), DetectorConfig.DEFAULTS);
    private final Map<String, DetectorGroup> groups = groupsById();

    @Test
    void theDefaultInstallationRaisesNothingOfGroupsBDAndE() {
        for (Actor installer : List.of(GITOPS, TENANT_ADMIN)) {
            Result result = install(RenderedChart.defaults(), installer);
            assertThat(result.events())
                    .as("every object and pod is read as a counted event")
                    .isGreaterThanOrEqualTo(8);
            assertThat(result.silenced(groups))
                    .as(installer.username() + ": " + result.alerts())
                    .isEmpty();
        }
    }

    @Test
    void theFullSplitInstallationRaisesNothingOfGroupsBDAndE() {
        for (Actor installer : List.of(GITOPS, TENANT_ADMIN)) {
            Result result = install(RenderedChart.full(), installer);
            assertThat(result.events()).isGreaterThanOrEqualTo(25);
            assertThat(result.silenced(groups))
                    .as(installer.username() + ": " + result.alerts())
                    .isEmpty();
        }
    }

    /** The same path does fire when the chart is made to render something dangerous: the test can fail. */
    @Test
    void aPrivilegedContainerOrANodePortInTheChartWouldBeCaught() {
        RenderedChart dangerous = RenderedChart.render(
                null,
                Map.of(
                        "containerSecurityContext.privileged", "true",
                        "receiver.service.type", "NodePort"));
        List<String> detectors = install(dangerous, GITOPS).silenced(groups).stream()
                .map(Alert::detector)
                .toList();
        assertThat(detectors).contains("privileged-container", "service-exposed");
    }

    record Result(int events, List<Alert> alerts) {
        List<Alert> silenced(Map<String, DetectorGroup> groups) {
            return alerts.stream()
                    .filter(a -> MUST_STAY_SILENT.contains(groups.get(a.detector())))
                    .toList();
        }
    }

    private Result install(RenderedChart chart, Actor installer) {
        List<Alert> alerts = new ArrayList<>();
        int events = 0;
        for (RenderedChart.RenderedObject object : chart.objects()) {
            events += detect(auditCreate(object.tree(), installer), alerts);
            for (JsonNode pod : podsOf(object.tree())) {
                events += detect(
                        auditCreate(
                                pod,
                                new Actor(
                                        "system:serviceaccount:kube-system:" + controllerOf(object.kind()),
                                        List.of(
                                                "system:serviceaccounts",
                                                "system:serviceaccounts:kube-system",
                                                "system:authenticated"),
                                        "kube-controller-manager/v1.31.2 (linux/amd64) kubernetes/5864a46")),
                        alerts);
            }
        }
        return new Result(events, alerts);
    }

    /** Reads the audit event as ingest does and runs the attributed result through the detectors; returns the events read. */
    private int detect(ObjectNode auditEvent, List<Alert> alerts) {
        List<NormalizedEvent> events = new ArrayList<>();
        reader.read(
                auditEvent.toString().getBytes(StandardCharsets.UTF_8), SourceBinding.fixed(CLUSTER), new ReadSink() {
                    @Override
                    public void event(NormalizedEvent e) {
                        events.add(e);
                    }

                    @Override
                    public void skipped(Reason reason, String detail) {
                        throw new AssertionError("skipped (" + reason + "): " + detail);
                    }

                    @Override
                    public void rejected(Reason reason, String detail, byte[] original) {
                        throw new AssertionError("rejected (" + reason + "): " + detail);
                    }
                });
        for (NormalizedEvent event : events) {
            detection.detect(
                    new EventContext(attributor.attribute(event), attributor), DetectionListener.NONE, alerts::add);
        }
        return events.size();
    }

    /** The pod a workload's controller creates: the template's metadata and spec, owned by the workload. */
    private static List<JsonNode> podsOf(JsonNode workload) {
        String kind = workload.path("kind").asText();
        if (!kind.equals("Deployment") && !kind.equals("StatefulSet")) {
            return List.of();
        }
        String name = workload.at("/metadata/name").asText();
        ObjectNode pod = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode metadata =
                ((ObjectNode) workload.at("/spec/template/metadata").deepCopy());
        boolean replicaSet = kind.equals("Deployment");
        metadata.put("name", replicaSet ? name + "-5d8f7c9b6d-x7k2p" : name + "-0");
        ArrayNode owners = metadata.putArray("ownerReferences");
        owners.addObject()
                .put("apiVersion", "apps/v1")
                .put("kind", replicaSet ? "ReplicaSet" : "StatefulSet")
                .put("name", replicaSet ? name + "-5d8f7c9b6d" : name)
                .put("uid", UUID.randomUUID().toString())
                .put("controller", true)
                .put("blockOwnerDeletion", true);
        pod.set("metadata", metadata);
        pod.set("spec", workload.at("/spec/template/spec").deepCopy());
        return List.of(pod);
    }

    private static String controllerOf(String kind) {
        return kind.equals("Deployment") ? "replicaset-controller" : "statefulset-controller";
    }

    /** A create as the API server's audit log records it at RequestResponse level. */
    static ObjectNode auditCreate(JsonNode object, Actor actor) {
        String kind = object.path("kind").asText();
        String apiVersion = object.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        String resource = plural(kind);
        String name = object.at("/metadata/name").asText();
        String namespace = CLUSTER_SCOPED.contains(kind)
                ? null
                : object.at("/metadata/namespace").asText(RenderedChart.NAMESPACE);

        ObjectNode request = object.deepCopy();
        if (namespace != null) {
            ((ObjectNode) request.get("metadata")).put("namespace", namespace);
        }
        ObjectNode stored = request.deepCopy();
        ((ObjectNode) stored.get("metadata"))
                .put("uid", UUID.randomUUID().toString())
                .put("resourceVersion", "48213")
                .put("creationTimestamp", "2026-01-09T21:24:54Z");

        String now = Instant.parse("2026-01-09T21:24:54.123456Z").toString();
        ObjectNode event = JSON.createObjectNode()
                .put("kind", "Event")
                .put("apiVersion", "audit.k8s.io/v1")
                .put("level", "RequestResponse")
                .put("auditID", UUID.randomUUID().toString())
                .put("stage", "ResponseComplete")
                .put(
                        "requestURI",
                        (group.isEmpty() ? "/api/" : "/apis/" + group + "/") + version
                                + (namespace == null ? "" : "/namespaces/" + namespace) + "/" + resource
                                + "?fieldManager=helm")
                .put("verb", "create");
        ObjectNode user = event.putObject("user").put("username", actor.username());
        actor.groups().forEach(user.putArray("groups")::add);
        event.putArray("sourceIPs").add("10.224.0.15");
        event.put("userAgent", actor.userAgent());
        ObjectNode ref = event.putObject("objectRef")
                .put("resource", resource)
                .put("name", name)
                .put("apiVersion", version);
        if (namespace != null) {
            ref.put("namespace", namespace);
        }
        if (!group.isEmpty()) {
            ref.put("apiGroup", group);
        }
        event.putObject("responseStatus").put("code", 201).putObject("metadata");
        event.set("requestObject", request);
        event.set("responseObject", stored);
        event.put("requestReceivedTimestamp", now).put("stageTimestamp", now);
        event.putObject("annotations")
                .put("authorization.k8s.io/decision", "allow")
                .put("authorization.k8s.io/reason", "RBAC: allowed by ClusterRoleBinding \"installer\"");
        return event;
    }

    static String plural(String kind) {
        String lower = kind.toLowerCase(Locale.ROOT);
        return lower.endsWith("y") ? lower.substring(0, lower.length() - 1) + "ies" : lower + "s";
    }

    private static Map<String, DetectorGroup> groupsById() {
        Map<String, DetectorGroup> byId = new HashMap<>();
        for (DetectorDefinition d : BuiltInDetectors.definitions()) {
            byId.put(d.id(), d.spec().group());
        }
        return byId;
    }
}
