package io.tenantwatch.detectors;

import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorClass;
import io.tenantwatch.schemas.ResourceRef;
import io.tenantwatch.schemas.redact.Redaction;
import java.util.List;

/**
 * The words of alert summaries, shared so every detector says who, what and where the same way:
 * {@code alice@contoso.com (tenant alpha) read configmaps/settings in namespace beta-prod of tenant
 * beta}. Called only when a detector raises an alert, never on the quiet path.
 */
public final class Phrases {

    /** Longest command or free text quoted inside a one-line summary; details keep the whole text. */
    public static final int MAX_INLINE = 160;

    private Phrases() {}

    /**
     * The actor and what it belongs to: {@code alice@contoso.com (tenant alpha)},
     * {@code masterclient (admin)}, {@code bob@contoso.com (tenant beta, impersonated by eve@contoso.com)}.
     */
    public static String actor(EventContext context) {
        Actor actor = context.actor();
        String username = actor == null || actor.username() == null ? "an unknown identity" : actor.username();
        StringBuilder out =
                new StringBuilder(username.length() + 32).append(username).append(" (");
        ActorClass actorClass = context.actorClass();
        List<String> tenants = context.event().actorTenants();
        if (actorClass == ActorClass.TENANT_MEMBER && !tenants.isEmpty()) {
            out.append(tenants.size() == 1 ? "tenant " : "tenants ").append(String.join(", ", tenants));
        } else {
            out.append(actorClass.label());
        }
        if (actor != null && actor.impersonatedBy() != null) {
            out.append(", impersonated by ").append(actor.impersonatedBy());
        }
        return out.append(')').toString();
    }

    /**
     * Where the request landed: {@code namespace beta-prod of tenant beta}, {@code platform namespace
     * kube-system}, {@code namespace default (no tenant)}, or {@code cluster scope}.
     */
    public static String place(EventContext context) {
        String namespace = context.namespace();
        if (namespace == null) {
            return "cluster scope";
        }
        if (context.inPlatformNamespace()) {
            return "platform namespace " + namespace;
        }
        String tenant = context.targetTenant();
        return tenant == null
                ? "namespace " + namespace + " (no tenant)"
                : "namespace " + namespace + " of tenant " + tenant;
    }

    /**
     * What the request did, in the past tense: {@code read configmaps/settings}, {@code listed
     * secrets}, {@code patched deployments/web/scale}, {@code exec'd into pods/web-1}.
     */
    public static String request(EventContext context) {
        ResourceRef ref = context.event().resource();
        if (context.isExecLike()) {
            return execPhrase(context.subresource()) + object(ref, false);
        }
        return pastTense(context.verb()) + " " + object(ref, true);
    }

    /**
     * The summary most request detectors raise with, or start from: {@code <actor> <did what> in
     * <place>}, e.g. {@code alice@contoso.com (tenant alpha) read configmaps/settings in namespace
     * beta-prod of tenant beta}.
     */
    public static String requestSummary(EventContext context) {
        return actor(context) + " " + request(context) + " in " + place(context);
    }

    /** {@code resource/name[/subresource]}, or {@code a non-resource URL} when the request names no resource. */
    public static String object(ResourceRef ref, boolean withSubresource) {
        if (ref == null || ref.resource() == null) {
            return "a non-resource URL";
        }
        StringBuilder out = new StringBuilder(64).append(ref.resource());
        if (ref.name() != null) {
            out.append('/').append(ref.name());
        }
        if (withSubresource && ref.subresource() != null) {
            out.append('/').append(ref.subresource());
        }
        return out.toString();
    }

    public static String pastTense(String verb) {
        if (verb == null) {
            return "accessed";
        }
        return switch (verb) {
            case "get" -> "read";
            case "list" -> "listed";
            case "watch" -> "watched";
            case "create" -> "created";
            case "update" -> "updated";
            case "patch" -> "patched";
            case "delete" -> "deleted";
            case "deletecollection" -> "deleted all";
            default -> "used " + verb + " on";
        };
    }

    private static String execPhrase(String subresource) {
        return switch (subresource) {
            case "exec" -> "exec'd into ";
            case "attach" -> "attached to ";
            case "portforward" -> "port-forwarded to ";
            default -> "proxied to ";
        };
    }

    /**
     * A command or free text with credentials removed. Ingest already redacted what it normalized
     * ({@link Redaction}); this second pass guards text that reaches an alert by another way.
     */
    public static String redact(String text) {
        return Redaction.commandLine(text);
    }

    /** Redacted and cut to {@link #MAX_INLINE} characters, for quoting inside a one-line summary. */
    public static String inline(String text) {
        String safe = redact(text);
        if (safe == null) {
            return null;
        }
        safe = safe.replace('\n', ' ').replace('\r', ' ');
        return safe.length() <= MAX_INLINE ? safe : safe.substring(0, MAX_INLINE - 1) + "…";
    }
}
