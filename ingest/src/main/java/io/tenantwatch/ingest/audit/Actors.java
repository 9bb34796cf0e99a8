package io.tenantwatch.ingest.audit;

import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.ActorType;

/** The actor of an audit event (docs/formats.md "actor"; docs/detectors.md "Impersonation"). */
final class Actors {

    static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";
    static final String NODE_PREFIX = "system:node:";
    static final String ANONYMOUS = "system:anonymous";

    private Actors() {}

    /**
     * The impersonated identity, when there is one, is the actor, and the authenticated user becomes
     * {@code impersonatedBy}. The pod name and credential id stay the authenticated user's: they
     * describe the token on the wire, and an impersonator can set any extra of the identity it
     * impersonates (Impersonate-Extra-* headers), so the impersonated side's would be forgeable.
     */
    static Actor of(UserInfo user, UserInfo impersonated) {
        UserInfo who = impersonated != null ? impersonated : user;
        String username = who.username();
        return new Actor(
                username,
                who.uid(),
                who.groups(),
                who.oid(),
                null,
                typeOf(username),
                serviceAccountNamespace(username),
                user.podName(),
                user.credentialId(),
                impersonated != null ? user.username() : null);
    }

    static ActorType typeOf(String username) {
        if (serviceAccountNamespace(username) != null) {
            return ActorType.SERVICEACCOUNT;
        }
        if (username.startsWith(NODE_PREFIX)) {
            return ActorType.NODE;
        }
        return ANONYMOUS.equals(username) ? ActorType.ANONYMOUS : ActorType.USER;
    }

    /** The namespace of system:serviceaccount:NAMESPACE:NAME, null for anything else. */
    static String serviceAccountNamespace(String username) {
        if (!username.startsWith(SERVICE_ACCOUNT_PREFIX)) {
            return null;
        }
        int colon = username.indexOf(':', SERVICE_ACCOUNT_PREFIX.length());
        if (colon <= SERVICE_ACCOUNT_PREFIX.length() || colon == username.length() - 1) {
            return null;
        }
        return username.substring(SERVICE_ACCOUNT_PREFIX.length(), colon);
    }
}
