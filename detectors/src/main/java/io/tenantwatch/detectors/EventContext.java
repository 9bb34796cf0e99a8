package io.tenantwatch.detectors;

import io.tenantwatch.detectors.attribution.TenancyView;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.ActorType;
import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.IdentityTenancy;
import io.tenantwatch.schemas.NamespaceTenancy;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.RequestUri;
import io.tenantwatch.schemas.ResourceRef;
import java.util.List;
import java.util.Set;

/**
 * An attributed event plus the terms of docs/detectors.md ("Terms used below") computed once, so that
 * every detector reads the same answer and none recomputes it.
 */
public final class EventContext {

    private static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection");
    private static final Set<String> OBJECT_WRITE_VERBS = Set.of("create", "update", "patch");
    private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");
    private static final String COMMAND_PARAMETER = "command";

    private final NormalizedEvent event;
    private final TenancyView tenancy;
    private CrossTenantAccess crossTenantAccess;
    private String execCommand;
    private boolean execCommandParsed;
    private RequestUri requestUri;

    /** An event with no tenancy knowledge beyond its own attribution (tests of single detectors). */
    public EventContext(NormalizedEvent event) {
        this(event, TenancyView.NONE);
    }

    public EventContext(NormalizedEvent event, TenancyView tenancy) {
        this.event = event;
        this.tenancy = tenancy;
    }

    /** Tenancy beyond this event's attribution: the tenants of other namespaces and identities. */
    public TenancyView tenancy() {
        return tenancy;
    }

    public NormalizedEvent event() {
        return event;
    }

    public Actor actor() {
        return event.actor();
    }

    public ActorClass actorClass() {
        Actor actor = event.actor();
        return actor == null || actor.actorClass() == null ? ActorClass.UNATTRIBUTED : actor.actorClass();
    }

    /** The event's actor as an alert names it (with its class after attribution); null without one. */
    public Alert.AlertActor alertActor() {
        Actor actor = event.actor();
        return actor == null
                ? null
                : new Alert.AlertActor(
                        actor.username(),
                        actor.type(),
                        actorClass(),
                        actor.groups(),
                        actor.impersonatedBy(),
                        actor.podName());
    }

    /** The object the request is about as an alert names it; null for a non-resource request. */
    public Alert.AlertResource alertResource() {
        ResourceRef ref = event.resource();
        return ref == null || ref.resource() == null
                ? null
                : new Alert.AlertResource(ref.apiGroup(), ref.resource(), ref.subresource(), ref.name());
    }

    public boolean isPlatformActor() {
        return actorClass() == ActorClass.PLATFORM;
    }

    /**
     * A platform actor that is a service account: an add-on or controller of kube-system or another
     * platform namespace, as opposed to the platform's people and AKS's own identities. Trusted by
     * most detectors, so the few that watch it acting on tenants ask this.
     */
    public boolean isPlatformServiceAccount() {
        Actor actor = event.actor();
        return isPlatformActor() && actor != null && actor.type() == ActorType.SERVICEACCOUNT;
    }

    /** A service account or a node (system:node:*): an identity of a workload or a machine, never a person. */
    public boolean isWorkloadOrNodeIdentity() {
        Actor actor = event.actor();
        return actor != null && (actor.type() == ActorType.SERVICEACCOUNT || actor.type() == ActorType.NODE);
    }

    /**
     * The address the API server saw the request come from: the last {@code sourceIPs} entry (the
     * ones before it are X-Forwarded-For values the client chose); null when there is none.
     */
    public String sourceAddress() {
        List<String> ips = event.sourceIPs();
        return ips == null || ips.isEmpty() ? null : ips.get(ips.size() - 1);
    }

    public String verb() {
        return event.verb();
    }

    public String resource() {
        ResourceRef r = event.resource();
        return r == null ? null : r.resource();
    }

    public String subresource() {
        ResourceRef r = event.resource();
        return r == null ? null : r.subresource();
    }

    /** The API group as ingest wrote it: null for the core group (or no resource), else the group. */
    public String apiGroup() {
        ResourceRef r = event.resource();
        return r == null ? null : r.apiGroup();
    }

    /**
     * The request's API group is {@code group} ({@code ""} for the core group): ingest writes the core
     * group as null, the API server as "" or nothing, and all three mean the same.
     */
    public boolean apiGroupIs(String group) {
        String actual = apiGroup();
        return group.equals(actual == null ? "" : actual);
    }

    /** A request on an API object of the core group (a request without a resource is not). */
    public boolean inCoreApiGroup() {
        return event.resource() != null && apiGroupIs("");
    }

    /** The name of the object the request is about; null for a collection or a non-resource request. */
    public String resourceName() {
        ResourceRef r = event.resource();
        return r == null ? null : r.name();
    }

    public String namespace() {
        return event.namespace();
    }

    public String targetTenant() {
        return event.targetTenant();
    }

    /** The target namespace belongs to a tenant (not the platform, not unmapped). */
    public boolean inTenantNamespace() {
        String tenant = event.targetTenant();
        return tenant != null && !NamespaceTenancy.PLATFORM_TENANT.equals(tenant);
    }

    public boolean inPlatformNamespace() {
        return NamespaceTenancy.PLATFORM_TENANT.equals(event.targetTenant());
    }

    /** Decision allow (or none) and a response code in 100–399. */
    public boolean isAllowed() {
        String decision = event.decision();
        Integer code = event.code();
        return (decision == null || "allow".equals(decision)) && code != null && code >= 100 && code <= 399;
    }

    /** Decision forbid, or code 401 or 403. */
    public boolean isDenied() {
        Integer code = event.code();
        return "forbid".equals(event.decision()) || (code != null && (code == 401 || code == 403));
    }

    public boolean isWriteVerb() {
        return event.verb() != null && WRITE_VERBS.contains(event.verb());
    }

    /**
     * An allowed write verb (create, update, patch, delete, deletecollection) by a non-platform
     * actor: what groups C, D and E look at unless a catalogue row says otherwise (docs/detectors.md,
     * "Actor classes"): AKS and the cluster's own automation rewrite DNS, webhooks, roles and
     * Services all day, and an alert per reconcile loop would bury the one that matters. A write
     * that failed (404, 409, 422, 5xx) or was refused changed nothing and never raises.
     */
    public boolean isAllowedWriteByNonPlatform() {
        return isWriteVerb() && isAllowed() && !isPlatformActor();
    }

    /**
     * An allowed create, update or patch of the object itself (no subresource) by a non-platform
     * actor. Deletes are not here: removing a role, a binding or a Service grants nothing.
     */
    public boolean isAllowedObjectWriteByNonPlatform() {
        return isAllowedObjectWrite() && !isPlatformActor();
    }

    /** An allowed create, update or patch of the object itself (no subresource), by any actor. */
    public boolean isAllowedObjectWrite() {
        return event.verb() != null
                && OBJECT_WRITE_VERBS.contains(event.verb())
                && subresource() == null
                && isAllowed();
    }

    public boolean isReadVerb() {
        return event.verb() != null && READ_VERBS.contains(event.verb());
    }

    /** Subresource exec, attach, portforward or proxy, whatever the verb. */
    public boolean isExecLike() {
        return event.resource() != null && event.resource().isExecLike();
    }

    /**
     * The actor is a tenant member and the target namespace belongs to a tenant that is not among
     * the actor's home tenants. Platform, admin, unattributed and anonymous actors never are.
     */
    public boolean isCrossTenant() {
        return actorClass() == ActorClass.TENANT_MEMBER
                && inTenantNamespace()
                && !event.actorTenants().contains(event.targetTenant());
    }

    /**
     * The home tenants of an RBAC subject of this event's binding, from the tenancy sources: a
     * service account by its own namespace (the binding's when the subject names none), a group or
     * a user by name; empty for a subject no source knows, or of another kind.
     */
    public Set<String> subjectHomeTenants(Facts.Subject subject) {
        if (subject.kind() == null || subject.name() == null) {
            return Set.of();
        }
        String cluster = event.cluster();
        return switch (subject.kind()) {
            case "ServiceAccount" -> {
                String ns = subject.namespace() != null && !subject.namespace().isEmpty()
                        ? subject.namespace()
                        : namespace();
                yield tenancy.homeTenants(
                        cluster,
                        IdentityTenancy.KIND_SERVICE_ACCOUNT,
                        "system:serviceaccount:" + ns + ":" + subject.name());
            }
            case "Group" -> tenancy.homeTenants(cluster, IdentityTenancy.KIND_GROUP, subject.name());
            case "User" -> tenancy.homeTenants(cluster, IdentityTenancy.KIND_USER, subject.name());
            default -> Set.of();
        };
    }

    /** The one cross-tenant access class of an allowed request, by the precedence of docs/detectors.md. */
    public CrossTenantAccess crossTenantAccess() {
        if (crossTenantAccess == null) {
            crossTenantAccess = classifyCrossTenantAccess();
        }
        return crossTenantAccess;
    }

    private CrossTenantAccess classifyCrossTenantAccess() {
        if (!event.isAudit() || namespace() == null || resource() == null || !isAllowed() || !isCrossTenant()) {
            return CrossTenantAccess.NONE;
        }
        if ("secrets".equals(resource())) {
            return CrossTenantAccess.SECRET;
        }
        if (isExecLike()
                && ("pods".equals(resource()) || ("services".equals(resource()) && "proxy".equals(subresource())))) {
            return CrossTenantAccess.EXEC;
        }
        if (isWriteVerb()) {
            return CrossTenantAccess.WRITE;
        }
        if (isReadVerb()) {
            return CrossTenantAccess.READ;
        }
        return CrossTenantAccess.NONE;
    }

    /**
     * The command of an exec request: the requestURI's {@code command=} query parameters (kubectl
     * sends one per argument), URL-decoded and joined with spaces; null when there is none. Parsed
     * on first use and kept, since several detectors read it. The raw command: it may hold a
     * credential, so anything that shows it to a person redacts it first ({@link Phrases#redact}).
     */
    public String execCommand() {
        if (!execCommandParsed) {
            execCommand = commandOf(requestUri());
            execCommandParsed = true;
        }
        return execCommand;
    }

    static String commandOf(RequestUri requestUri) {
        List<String> arguments = requestUri.params(COMMAND_PARAMETER);
        return arguments.isEmpty() ? null : String.join(" ", arguments);
    }

    /** The requestURI without its query; null when the event has none (a Falco alert). */
    public String requestPath() {
        return requestUri().path();
    }

    /** The first value of a query parameter of the requestURI, URL-decoded; null when absent. */
    public String queryParam(String name) {
        return requestUri().param(name);
    }

    /** Every value of a query parameter of the requestURI, URL-decoded, in order; empty when absent. */
    public List<String> queryParams(String name) {
        return requestUri().params(name);
    }

    /** Split on first use: most events are never asked about their query. */
    private RequestUri requestUri() {
        if (requestUri == null) {
            requestUri = RequestUri.of(event.requestURI());
        }
        return requestUri;
    }
}
