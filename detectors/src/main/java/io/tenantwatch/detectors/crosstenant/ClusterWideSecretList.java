package io.tenantwatch.detectors.crosstenant;

import io.tenantwatch.detectors.AlertBuilder;
import io.tenantwatch.detectors.BaseDetector;
import io.tenantwatch.detectors.DetectorGroup;
import io.tenantwatch.detectors.DetectorSpec;
import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.detectors.Phrases;
import io.tenantwatch.detectors.Trigger;
import io.tenantwatch.detectors.config.DetectorDefinition;
import io.tenantwatch.detectors.config.ParamSpec;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code cluster-wide-secret-list}: a non-platform identity lists or watches Secrets with no
 * namespace ({@code GET /api/v1/secrets}), and the API server allows it.
 *
 * <p>Why it matters: one such request returns every Secret of every tenant at once, database
 * passwords, registry credentials, TLS keys and service-account tokens, with their values (list
 * responses are not redacted). It is what a stolen over-privileged credential does first (Stratus
 * Red Team's "Dump All Secrets"); no tenant identity should hold the grant, and the details name
 * the one that allowed it. It crosses every tenant boundary in one step, hence group A and critical.
 *
 * <p>By default Helm's own release query is not raised: {@code helm list --all-namespaces} lists
 * Secrets cluster-wide with {@code labelSelector=owner=helm} (sent URL-encoded as
 * {@code owner%3Dhelm}), which returns only Helm's release records. The selector is read from the
 * request URI, URL-decoded, as the API server reads it (its first {@code labelSelector} parameter);
 * any {@code owner=helm} requirement counts, since requirements are ANDed. Construct with
 * {@code ignoreHelmReleaseQuery = false} to raise those too (release records hold the charts' values).
 *
 * <p>Does not fire for: platform identities (controllers and add-ons that cache Secrets); lists in
 * one namespace (group A's {@code cross-tenant-secret-access}, or {@code secret-enumeration} across
 * several); gets; requests that were denied or failed.
 */
public final class ClusterWideSecretList extends BaseDetector {

    public static final DetectorSpec SPEC = DetectorSpec.of(
            "cluster-wide-secret-list",
            DetectorGroup.CROSS_TENANT,
            Severity.CRITICAL,
            "Credential Access",
            "T1552.007 Container API",
            "Secrets listed across all namespaces");

    /** Skip Helm's release query ({@code labelSelector=owner=helm}). */
    static final ParamSpec IGNORE_HELM_RELEASE_QUERY = ParamSpec.bool(
            "ignoreHelmReleaseQuery",
            true,
            "Do not raise Helm's own cluster-wide release query (labelSelector owner=helm).");

    public static final DetectorDefinition DEFINITION = new DetectorDefinition(
            SPEC,
            List.of(IGNORE_HELM_RELEASE_QUERY),
            p -> new ClusterWideSecretList(p.bool(IGNORE_HELM_RELEASE_QUERY)));

    private static final String LABEL_SELECTOR = "labelSelector";
    private static final String FIELD_SELECTOR = "fieldSelector";
    private static final Trigger SECRETS = Trigger.audit("secrets");

    private final boolean ignoreHelmReleaseQuery;

    /** The catalogue default: Helm's release query ({@code labelSelector=owner=helm}) is not raised. */
    public ClusterWideSecretList() {
        this(true);
    }

    public ClusterWideSecretList(boolean ignoreHelmReleaseQuery) {
        super(SPEC, SECRETS);
        this.ignoreHelmReleaseQuery = ignoreHelmReleaseQuery;
    }

    @Override
    public void examine(EventContext event, Consumer<Alert> alerts) {
        String verb = event.verb();
        if (!("list".equals(verb) || "watch".equals(verb))
                || event.namespace() != null
                || event.subresource() != null
                || !event.inCoreApiGroup()
                || !event.isAllowed()
                || event.isPlatformActor()) {
            return;
        }
        String labelSelector = nonEmpty(event.queryParam(LABEL_SELECTOR));
        if (ignoreHelmReleaseQuery && isHelmReleaseQuery(labelSelector)) {
            return;
        }
        String fieldSelector = nonEmpty(event.queryParam(FIELD_SELECTOR));
        StringBuilder summary = new StringBuilder(160)
                .append(Phrases.actor(event))
                .append(' ')
                .append(Phrases.pastTense(verb))
                .append(" secrets across all namespaces");
        if (labelSelector != null) {
            summary.append(" (labelSelector ")
                    .append(Phrases.inline(labelSelector))
                    .append(')');
        }
        AlertBuilder alert = AlertBuilder.of(SPEC, event)
                .summary(summary.toString())
                .detail("actor tenants: " + String.join(", ", event.event().actorTenants()));
        if (labelSelector != null) {
            alert.detail("labelSelector: " + Phrases.redact(labelSelector));
        }
        if (fieldSelector != null) {
            alert.detail("fieldSelector: " + Phrases.redact(fieldSelector));
        }
        alert.authorizationDetail();
        alerts.accept(alert.build());
    }

    /**
     * True when one of the selector's requirements is {@code owner=helm} (or {@code owner==helm}):
     * requirements are ANDed, so such a list returns Helm's release records and nothing else.
     * {@code secret-enumeration} skips the same query.
     */
    public static boolean isHelmReleaseQuery(String labelSelector) {
        if (labelSelector == null) {
            return false;
        }
        for (String requirement : labelSelector.split(",")) {
            String compact = requirement.replace(" ", "").replace("\t", "");
            if ("owner=helm".equals(compact) || "owner==helm".equals(compact)) {
                return true;
            }
        }
        return false;
    }

    private static String nonEmpty(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
