package io.tenantwatch.app.bench.traffic;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * AKS diagnostic settings' Event Hubs bodies, {@code {"records":[…]}}, shaped on the corpus'
 * sysdiglabs sample: each record carries one audit Event as a JSON string ending in a newline in
 * {@code properties.log}, category {@code kube-audit}, and the cluster's ARM id in upper case.
 */
final class AksEnvelopes {

    static final String RESOURCE_ID =
            "/SUBSCRIPTIONS/BFC31CC5-D3BD-4B36-A40E-D13688D546EC/RESOURCEGROUPS/TENANTWATCH-BENCH"
                    + "/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/"
                    + ClusterModel.CLUSTER.toUpperCase(java.util.Locale.ROOT);

    private final JsonFactory json;
    private final String apiServerPod;
    private final String ccpNamespace;
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(16 * 1024);

    AksEnvelopes(JsonFactory json, SplittableRandom random) {
        this.json = json;
        this.apiServerPod = "kube-apiserver-" + ClusterModel.token(random, 10) + "-" + ClusterModel.token(random, 5);
        this.ccpNamespace = String.format("%012x", random.nextLong() & 0xFFFFFFFFFFFFL) + "0001a668a5";
    }

    byte[] envelope(List<byte[]> logs, String time) {
        buffer.reset();
        try (JsonGenerator g = json.createGenerator(buffer, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeArrayFieldStart("records");
            for (byte[] log : logs) {
                g.writeStartObject();
                g.writeStringField("operationName", "Microsoft.ContainerService/managedClusters/diagnosticLogs/Read");
                g.writeStringField("category", "kube-audit");
                g.writeStringField("ccpNamespace", ccpNamespace);
                g.writeStringField("resourceId", RESOURCE_ID);
                g.writeObjectFieldStart("properties");
                g.writeFieldName("log");
                byte[] line = java.util.Arrays.copyOf(log, log.length + 1);
                line[log.length] = '\n';
                g.writeUTF8String(line, 0, line.length);
                g.writeStringField("stream", "stdout");
                g.writeStringField("pod", apiServerPod);
                g.writeEndObject();
                g.writeStringField("time", time.substring(0, 19) + "Z");
                g.writeStringField("Cloud", "AzureCloud");
                g.writeStringField("Environment", "prod");
                g.writeStringField("UnderlayClass", "hcp-underlay");
                g.writeStringField("UnderlayName", "hcp-underlay-westeurope-cx-42");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return buffer.toByteArray();
    }
}
