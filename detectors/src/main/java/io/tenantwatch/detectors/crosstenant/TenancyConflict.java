package io.tenantwatch.detectors.crosstenant;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code tenancy-conflict}: the tenancy sources disagree about a namespace: two tenant labels name
 * different tenants, a tenant label and a Capsule owner reference disagree (seen on the namespace's
 * own writes), or the tenancy file's globs give the namespace to two tenants (or to a tenant and the
 * platform). Once per namespace and conflict (a day of event time).
 *
 * <p>Why it matters: the first source in priority order wins silently; a conflict means someone's
 * intent is not what tenantwatch enforces. Info.
 */
public final class TenancyConflict extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "tenancy-conflict",
            DetectorGroup.CROSS_TENANT,
            Severity.INFO,
            "Defense Evasion",
            null,
            "Tenancy sources disagree about a namespace");
    public static final DetectorDefinition DEFINITION = DetectorDefinition.of(SPEC, TenancyConflict::new);

    private static final Trigger ANY_AUDIT = Trigger.anyAudit();
    private static final Duration ONCE_PER = Duration.ofDays(1);

    public TenancyConflict() {
        super(SPEC, ANY_AUDIT);
    }

    @Override
    public Duration oncePer() {
        return ONCE_PER;
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        String namespace = event.namespace();
        if (namespace == null) {
            return;
        }
        List<String> conflicts = new ArrayList<>();
        List<String> fileClaims = event.tenancy().conflicts(event.event().cluster(), namespace);
        if (!fileClaims.isEmpty()) {
            conflicts.add("tenancy file: " + String.join(", ", fileClaims));
        }
        Facts.Namespace ns = event.event().facts().namespace();
        if (ns != null && event.isAllowed()) {
            Map<String, String> labels = "patch".equals(event.verb()) ? ns.labelsSet() : ns.labels();
            Map<String, String> byLabel = new TreeMap<>();
            for (String key : event.tenancy().namespaceLabels()) {
                if (labels.get(key) != null) {
                    byLabel.put(key, labels.get(key));
                }
            }
            if (byLabel.values().stream().distinct().count() > 1) {
                conflicts.add("labels: " + byLabel);
            }
            for (Facts.OwnerRef owner : event.event().facts().ownerReferences()) {
                if ("Tenant".equals(owner.kind()) && !byLabel.isEmpty() && !byLabel.containsValue(owner.name())) {
                    conflicts.add("Capsule owner Tenant " + owner.name() + " vs labels " + byLabel);
                }
            }
        }
        for (String conflict : conflicts) {
            alerts.accept(AlertBuilder.of(SPEC, event)
                    .workloadRoot(conflict)
                    .summary("tenancy sources disagree about namespace " + namespace + ": " + conflict
                            + (event.targetTenant() == null
                                    ? ""
                                    : "; tenantwatch attributes it to " + event.targetTenant()))
                    .detail(conflict)
                    .build());
        }
    }
}
