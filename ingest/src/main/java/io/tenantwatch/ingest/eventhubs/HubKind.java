package io.tenantwatch.ingest.eventhubs;

import io.tenantwatch.schemas.NormalizedEvent;
import java.util.Locale;

/** What a hub carries: AKS diagnostic logs (kube-audit, kube-audit-admin) or falcosidekick's alerts. */
public enum HubKind {
    AUDIT("audit", NormalizedEvent.SOURCE_AUDIT),
    FALCO("falco", NormalizedEvent.SOURCE_FALCO);

    private final String label;
    private final String source;

    HubKind(String label, String source) {
        this.label = label;
        this.source = source;
    }

    /** The option value and metric tag. */
    public String label() {
        return label;
    }

    /** The {@link NormalizedEvent#source()} of the events this hub may carry. */
    public String source() {
        return source;
    }

    /** The kind named by {@code value}, or null. */
    public static HubKind parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (HubKind k : values()) {
            if (k.label.equals(v)) {
                return k;
            }
        }
        return null;
    }
}
