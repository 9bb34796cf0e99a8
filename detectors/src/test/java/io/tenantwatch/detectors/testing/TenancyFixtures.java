package io.tenantwatch.detectors.testing;

import io.tenantwatch.detectors.attribution.Attributor;
import io.tenantwatch.detectors.attribution.ClusterTenancy;
import io.tenantwatch.schemas.StaticTenancy;
import io.tenantwatch.schemas.TenancyConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * A realistic tenancy file for an AKS cluster shared by two product teams, the way docs/formats.md
 * ("Tenancy file") writes it, and the real {@link Attributor} over it.
 *
 * <pre>
 * tenants:
 *   - name: alpha
 *     namespaces: ["alpha", "alpha-*"]
 *     users: ["alice@contoso.com"]
 *     groups: [ALPHA_DEVELOPERS]
 *     serviceAccounts: ["system:serviceaccount:ci:alpha-deployer"]
 *   - name: beta
 *     namespaces: ["beta-*"]
 *     users: ["bob@contoso.com"]
 *     groups: [BETA_DEVELOPERS]
 * platform:
 *   namespaces: ["monitoring", "ingress-nginx", "cert-manager"]
 *   users: ["svc-platform-gitops@contoso.com"]
 *   groups: [PLATFORM_OPERATORS]
 *   serviceAccounts: ["system:serviceaccount:flux-system:kustomize-controller"]
 * admins:
 *   users: ["carol.admin@contoso.com"]
 *   groups: [AKS_CLUSTER_ADMINS]
 * </pre>
 */
public final class TenancyFixtures {

    public static final String CLUSTER = "aks-prod-weu";
    public static final String CLUSTER_RESOURCE_ID =
            "/SUBSCRIPTIONS/BFC31CC5-D3BD-4B36-A40E-D13688D546EC/RESOURCEGROUPS/"
                    + "RG-AKS-PROD-WEU/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/AKS-PROD-WEU";

    /** Entra ID group object ids, as AKS puts them in {@code user.groups}. */
    public static final String ALPHA_DEVELOPERS = "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";

    public static final String BETA_DEVELOPERS = "b2d4f6a8-1c3e-4a5b-9c7d-8e9f0a1b2c3d";
    public static final String PLATFORM_OPERATORS = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    public static final String AKS_CLUSTER_ADMINS = "0d9e8f7a-6b5c-4d3e-9f2a-1b0c9d8e7f6a";

    public static final TenancyConfig CONFIG = new TenancyConfig(
            null,
            List.of(
                    new TenancyConfig.Tenant(
                            "alpha",
                            List.of("alpha", "alpha-*"),
                            List.of("alice@contoso.com"),
                            List.of(ALPHA_DEVELOPERS),
                            List.of("system:serviceaccount:ci:alpha-deployer"),
                            List.of()),
                    new TenancyConfig.Tenant(
                            "beta",
                            List.of("beta-*"),
                            List.of("bob@contoso.com"),
                            List.of(BETA_DEVELOPERS),
                            List.of(),
                            List.of())),
            new TenancyConfig.Platform(
                    List.of("monitoring", "ingress-nginx", "cert-manager"),
                    List.of("svc-platform-gitops@contoso.com"),
                    List.of(PLATFORM_OPERATORS),
                    List.of("system:serviceaccount:flux-system:kustomize-controller")),
            new TenancyConfig.Admins(List.of("carol.admin@contoso.com"), List.of(AKS_CLUSTER_ADMINS)));

    public static final Attributor ATTRIBUTOR = new Attributor(new StaticTenancy(CONFIG), ClusterTenancy.NONE);

    /**
     * {@link #ATTRIBUTOR} with more platform namespaces, for the tools a platform team adds to its
     * tenancy file's platform (velero, istio-system, argocd…).
     */
    public static Attributor withPlatformNamespaces(String... namespaces) {
        TenancyConfig.Platform platform = CONFIG.platform();
        List<String> all = new ArrayList<>(platform.namespaces());
        all.addAll(List.of(namespaces));
        TenancyConfig config = new TenancyConfig(
                CONFIG.namespaceLabels(),
                CONFIG.tenants(),
                new TenancyConfig.Platform(all, platform.users(), platform.groups(), platform.serviceAccounts()),
                CONFIG.admins());
        return new Attributor(new StaticTenancy(config), ClusterTenancy.NONE);
    }

    private TenancyFixtures() {}
}
