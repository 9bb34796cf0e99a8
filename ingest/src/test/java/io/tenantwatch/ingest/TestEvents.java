package io.tenantwatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Builders for hand-made inputs, and a one-call way to read them. */
public final class TestEvents {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final InputReader READER = new InputReader();

    private TestEvents() {}

    /** A counted v1 audit event: get pods default/nginx by alice, allowed. */
    public static ObjectNode auditEvent() {
        return (ObjectNode) parse("""
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a-1",
                 "stage":"ResponseComplete","requestURI":"/api/v1/namespaces/default/pods/nginx","verb":"get",
                 "user":{"username":"alice@contoso.com","uid":"u-1","groups":["g-1","system:authenticated"]},
                 "sourceIPs":["10.0.0.1","20.0.0.2"],"userAgent":"kubectl/v1.30",
                 "objectRef":{"resource":"pods","namespace":"default","name":"nginx","apiVersion":"v1"},
                 "responseStatus":{"metadata":{},"code":200},
                 "requestReceivedTimestamp":"2024-01-02T03:04:05.000001Z","stageTimestamp":"2024-01-02T03:04:05.123456Z",
                 "annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":"RBAC"}}""");
    }

    /** A syscall Falco alert with a uuid. */
    public static ObjectNode falcoAlert() {
        return (ObjectNode) parse("""
                {"uuid":"9a7c-1","output":"12:00:00.000000001: Notice shell (user=root cmd=sh -c secret)","priority":"Notice",
                 "rule":"Terminal shell in container","time":"2024-01-02T03:04:05.123456789Z","source":"syscall",
                 "hostname":"node-1","tags":["shell"],
                 "output_fields":{"evt.time":1704164645123456789,"k8s.ns.name":"alpha","k8s.pod.name":"web-1","user.name":"root","proc.tty":34816}}""");
    }

    /** An AKS diagnostic record carrying {@code event} as its properties.log string. */
    public static ObjectNode aksRecord(String category, String log) {
        ObjectNode record = MAPPER.createObjectNode();
        record.put("operationName", "Microsoft.ContainerService/managedClusters/diagnosticLogs/Read");
        record.put("category", category);
        record.put(
                "resourceId",
                "/SUBSCRIPTIONS/S-1/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/PROD-AKS");
        record.putObject("properties").put("log", log).put("stream", "stdout").put("pod", "kube-apiserver-1");
        record.put("time", "2024-01-02T03:04:05.0000000Z");
        return record;
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static CollectingSink read(JsonNode node) {
        return read(bytes(node));
    }

    public static CollectingSink read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    public static CollectingSink read(byte[] bytes) {
        CollectingSink sink = new CollectingSink();
        READER.read(bytes, SourceBinding.fixed("default"), sink);
        return sink;
    }
}
