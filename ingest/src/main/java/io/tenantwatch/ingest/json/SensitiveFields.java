package io.tenantwatch.ingest.json;

import java.util.Set;

/**
 * Field names whose values may carry secrets: object bodies (a Secret's data, a ConfigMap's values,
 * a TokenRequest's token), Secret-shaped fields of raw objects, kubectl's last-applied annotation
 * (a copy of the whole object, data included), and the admission annotations that quote a
 * webhook's JSON patch. Normalization never copies them; the dead-letter copy of a rejected
 * record replaces them (docs/formats.md: never in an alert, a DLQ record, a log line or a metric).
 */
public final class SensitiveFields {

    private static final Set<String> NAMES = Set.of(
            "requestObject",
            "responseObject",
            "data",
            "stringData",
            "binaryData",
            "token",
            "kubectl.kubernetes.io/last-applied-configuration");

    /** Audit annotation key prefix whose values quote a mutating webhook's patch, i.e. body content. */
    public static final String WEBHOOK_PATCH_ANNOTATION_PREFIX = "patch.webhook.admission.k8s.io/";

    private SensitiveFields() {}

    public static boolean isSensitive(String fieldName) {
        return NAMES.contains(fieldName) || fieldName.startsWith(WEBHOOK_PATCH_ANNOTATION_PREFIX);
    }
}
