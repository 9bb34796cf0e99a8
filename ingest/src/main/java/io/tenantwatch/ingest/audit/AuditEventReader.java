package io.tenantwatch.ingest.audit;

import com.fasterxml.jackson.core.JsonParser;
import io.tenantwatch.ingest.ReadResult;
import io.tenantwatch.ingest.SourceBinding;
import io.tenantwatch.ingest.audit.facts.FactsExtractor;
import io.tenantwatch.ingest.json.JsonInput;
import io.tenantwatch.ingest.json.JsonSupport;
import java.io.IOException;

/**
 * Reads audit.k8s.io Events (v1, v1beta1 and the old webhook form without apiVersion) in one
 * streaming pass, and normalizes them. Used for EventList items and AKS {@code properties.log}
 * directly, and by {@code InputReader} for top-level objects it recognizes as Events.
 * Thread-safe.
 */
public final class AuditEventReader {

    private final AuditNormalizer normalizer;

    public AuditEventReader(JsonSupport json) {
        this.normalizer = new AuditNormalizer(new FactsExtractor(json));
    }

    /** Streams the Event object the parser is on (START_OBJECT), whatever its kind field says. */
    public AuditFields collect(JsonInput input, JsonParser p) throws IOException {
        AuditFields fields = new AuditFields(input);
        fields.readObject(p);
        return fields;
    }

    /**
     * The event, or why it is skipped or rejected. {@code clusterResourceId} is the AKS record's
     * resourceId (null for other sources); the cluster name comes from the binding.
     */
    public ReadResult normalize(AuditFields fields, SourceBinding binding, String clusterResourceId) {
        return normalizer.normalize(fields, binding, clusterResourceId);
    }
}
