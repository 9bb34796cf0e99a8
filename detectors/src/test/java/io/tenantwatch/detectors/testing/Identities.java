package io.tenantwatch.detectors.testing;

import static io.tenantwatch.detectors.testing.TenancyFixtures.ALPHA_DEVELOPERS;
import static io.tenantwatch.detectors.testing.TenancyFixtures.BETA_DEVELOPERS;

import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The identities that appear in AKS audit logs, as the API server reports them (before
 * attribution: the actor class is decided by the real Attributor).
 */
public final class Identities {

    private static final String AUTHENTICATED = "system:authenticated";

    /** Tenant alpha developer (listed by UPN and through the alpha developers group). */
    public static final Actor ALICE =
            user("alice@contoso.com", "2f7c9b1e-4d3a-4c8b-9e6f-1a2b3c4d5e6f", ALPHA_DEVELOPERS);
    /** Tenant beta developer. */
    public static final Actor BOB = user("bob@contoso.com", "8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", BETA_DEVELOPERS);
    /** In both developer groups: a member of alpha and beta, so beta is one of her home tenants. */
    public static final Actor ERIN =
            user("erin@contoso.com", "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c", ALPHA_DEVELOPERS, BETA_DEVELOPERS);
    /** An Entra guest no tenancy source knows: unattributed. */
    public static final Actor DAVE = user("dave@fabrikam.com", "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d");
    /** Break-glass person from the tenancy file's admins. */
    public static final Actor CAROL_ADMIN = user("carol.admin@contoso.com", "3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a");
    /** The AKS local admin account (the cluster-admin kubeconfig): admin, not tied to a person. */
    public static final Actor MASTERCLIENT = new Actor(
            "masterclient",
            "",
            List.of("system:masters", AUTHENTICATED),
            null,
            null,
            ActorType.USER,
            null,
            null,
            null,
            null);
    /** AKS's own control-plane identity: platform, though it is in system:masters. */
    public static final Actor AKS_SERVICE = new Actor(
            "aksService",
            "",
            List.of("system:masters", AUTHENTICATED),
            null,
            null,
            ActorType.USER,
            null,
            null,
            null,
            null);
    /** Platform GitOps operator (the tenancy file's platform users). */
    public static final Actor PLATFORM_GITOPS =
            user("svc-platform-gitops@contoso.com", "1b2c3d4e-5f60-4718-9a0b-c1d2e3f4a5b6");

    /** Alpha's in-cluster deployer: tenant alpha by its namespace. */
    public static final Actor ALPHA_DEPLOYER = serviceAccount("alpha", "deployer");
    /** Alpha's CI pipeline, outside alpha's namespaces: tenant alpha by the tenancy file. */
    public static final Actor CI_ALPHA_DEPLOYER = serviceAccount("ci", "alpha-deployer");

    public static final Actor REPLICASET_CONTROLLER = serviceAccount("kube-system", "replicaset-controller");
    public static final Actor DEPLOYMENT_CONTROLLER = serviceAccount("kube-system", "deployment-controller");
    public static final Actor DAEMON_SET_CONTROLLER = serviceAccount("kube-system", "daemon-set-controller");
    /** A shared service in a platform namespace. */
    public static final Actor PROMETHEUS = serviceAccount("monitoring", "prometheus");

    public static final Actor NODE = new Actor(
            "system:node:aks-nodepool1-38290378-vmss000000",
            "",
            List.of("system:nodes", AUTHENTICATED),
            null,
            null,
            ActorType.NODE,
            null,
            null,
            null,
            null);

    private Identities() {}

    /** An Entra ID user: UPN as the username, group object ids, the object id in user.extra.oid. */
    public static Actor user(String upn, String objectId, String... groups) {
        List<String> all = new ArrayList<>(List.of(groups));
        all.add(AUTHENTICATED);
        return new Actor(upn, objectId, all, objectId, null, ActorType.USER, null, null, null, null);
    }

    public static Actor serviceAccount(String namespace, String name) {
        return new Actor(
                "system:serviceaccount:" + namespace + ":" + name,
                UUID.nameUUIDFromBytes((namespace + "/" + name).getBytes(StandardCharsets.UTF_8))
                        .toString(),
                List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, AUTHENTICATED),
                null,
                null,
                ActorType.SERVICEACCOUNT,
                namespace,
                null,
                null,
                null);
    }

    /** {@code impersonated} acting through {@code kubectl --as}, requested by {@code impersonator}. */
    public static Actor impersonating(Actor impersonated, String impersonator) {
        return new Actor(
                impersonated.username(),
                impersonated.uid(),
                impersonated.groups(),
                impersonated.extraOid(),
                null,
                impersonated.type(),
                impersonated.serviceAccountNamespace(),
                impersonated.podName(),
                impersonated.credentialId(),
                impersonator);
    }
}
