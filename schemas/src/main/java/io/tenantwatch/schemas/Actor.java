package io.tenantwatch.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The identity behind an event. For an impersonated request this is the impersonated identity and
 * {@code impersonatedBy} names the original user. {@code actorClass} is null until attribution.
 */
public record Actor(
        String username,
        String uid,
        List<String> groups,
        String extraOid,
        @JsonProperty("class") ActorClass actorClass,
        ActorType type,
        String serviceAccountNamespace,
        String podName,
        String credentialId,
        String impersonatedBy) {

    public Actor {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public Actor withActorClass(ActorClass newClass) {
        return new Actor(
                username,
                uid,
                groups,
                extraOid,
                newClass,
                type,
                serviceAccountNamespace,
                podName,
                credentialId,
                impersonatedBy);
    }
}
