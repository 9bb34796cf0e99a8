package io.tenantwatch.detectors.config;

import io.tenantwatch.detectors.EventContext;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Glob;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An exception in the Falco style: which detectors it silences ({@code *} for all), the fields an
 * event must match (every field given must match; within a field, any of its globs), and the
 * reason an operator had, which is required so that every silence can be explained later.
 */
public record ExceptionRule(String name, Set<String> detectors, String reason, Map<Field, List<Glob>> match) {

    public static final String ANY_DETECTOR = "*";

    /** The event fields an exception can match, as operators spell them. */
    public enum Field {
        NAMESPACE("namespace"),
        TENANT("tenant"),
        ACTOR("actor"),
        GROUP("group"),
        IMAGE("image"),
        RESOURCE_NAME("resourceName"),
        CLUSTER("cluster");

        private final String key;

        Field(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Field fromKey(String key) {
            for (Field f : values()) {
                if (f.key.equals(key)) {
                    return f;
                }
            }
            return null;
        }
    }

    public ExceptionRule {
        detectors = Set.copyOf(detectors);
        match = Map.copyOf(match);
    }

    public boolean appliesTo(String detectorId) {
        return detectors.contains(ANY_DETECTOR) || detectors.contains(detectorId);
    }

    /** True when every field of the rule matches the event. */
    public boolean matches(EventContext event) {
        for (Map.Entry<Field, List<Glob>> entry : match.entrySet()) {
            if (!fieldMatches(entry.getKey(), entry.getValue(), event)) {
                return false;
            }
        }
        return true;
    }

    private static boolean fieldMatches(Field field, List<Glob> globs, EventContext event) {
        return switch (field) {
            case NAMESPACE -> Glob.anyMatches(globs, event.namespace());
            case TENANT -> Glob.anyMatches(globs, event.targetTenant());
            case ACTOR ->
                event.actor() != null && Glob.anyMatches(globs, event.actor().username());
            case GROUP ->
                event.actor() != null && event.actor().groups().stream().anyMatch(g -> Glob.anyMatches(globs, g));
            case IMAGE -> images(event).stream().anyMatch(image -> Glob.anyMatches(globs, image));
            case RESOURCE_NAME ->
                event.event().resource() != null
                        && Glob.anyMatches(globs, event.event().resource().name());
            case CLUSTER -> Glob.anyMatches(globs, event.event().cluster());
        };
    }

    private static List<String> images(EventContext event) {
        Facts.PodSpec pod = event.event().facts().podSpec();
        return pod == null ? List.of() : pod.images();
    }
}
