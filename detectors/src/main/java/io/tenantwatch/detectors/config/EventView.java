package io.tenantwatch.detectors.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenantwatch.schemas.Actor;
import io.tenantwatch.schemas.FalcoFacts;
import io.tenantwatch.schemas.Json;
import io.tenantwatch.schemas.NormalizedEvent;
import io.tenantwatch.schemas.ResourceRef;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The normalized event as CEL sees it ({@code event.actor.username}, {@code event.resource.name},
 * {@code event.facts.podSpec.images}…): read-only maps that answer each field when the expression
 * asks for it, so an event costs nothing but the fields a rule reads. Absent (null) fields are
 * absent keys, which is what {@code has()} tests. Integers are longs, as CEL wants them.
 */
final class EventView extends AbstractMap<String, Object> {

    /** A map whose keys are fixed and whose values are computed on demand. */
    private static final class Lazy<T> extends AbstractMap<String, Object> {
        private final T source;
        private final List<String> keys;
        private final java.util.function.BiFunction<T, String, Object> field;

        Lazy(T source, List<String> keys, java.util.function.BiFunction<T, String, Object> field) {
            this.source = source;
            this.keys = keys;
            this.field = field;
        }

        @Override
        public Object get(Object key) {
            return key instanceof String k ? field.apply(source, k) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            // Only for printing or comparing a whole view; expressions go through get().
            Map<String, Object> all = new LinkedHashMap<>();
            for (String k : keys) {
                Object v = get(k);
                if (v != null) {
                    all.put(k, v);
                }
            }
            return all.entrySet();
        }
    }

    private static final List<String> EVENT_KEYS = List.of(
            "id",
            "source",
            "cluster",
            "time",
            "auditId",
            "stage",
            "actor",
            "verb",
            "resource",
            "namespace",
            "requestURI",
            "decision",
            "code",
            "sourceIPs",
            "userAgent",
            "annotations",
            "facts",
            "falco",
            "targetTenant",
            "actorTenants",
            "tenancySource");
    private static final List<String> ACTOR_KEYS = List.of(
            "username",
            "uid",
            "groups",
            "extraOid",
            "class",
            "type",
            "serviceAccountNamespace",
            "podName",
            "credentialId",
            "impersonatedBy");
    private static final List<String> RESOURCE_KEYS =
            List.of("apiGroup", "resource", "subresource", "namespace", "name");
    private static final List<String> FALCO_KEYS = List.of("rule", "priority", "tags", "hostname", "uuid", "fields");

    /** Absent facts must be absent keys, or has() would see them. */
    private static final ObjectMapper WITHOUT_NULLS =
            Json.mapper().copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final Lazy<NormalizedEvent> view;
    private Object facts;

    EventView(NormalizedEvent event) {
        this.view = new Lazy<>(event, EVENT_KEYS, this::eventField);
    }

    @Override
    public Object get(Object key) {
        return view.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return view.containsKey(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return view.entrySet();
    }

    private Object eventField(NormalizedEvent e, String key) {
        return switch (key) {
            case "id" -> e.id();
            case "source" -> e.source();
            case "cluster" -> e.cluster();
            case "time" -> e.time() == null ? null : e.time().toString();
            case "auditId" -> e.auditId();
            case "stage" -> e.stage();
            case "actor" -> e.actor() == null ? null : new Lazy<>(e.actor(), ACTOR_KEYS, EventView::actorField);
            case "verb" -> e.verb();
            case "resource" ->
                e.resource() == null ? null : new Lazy<>(e.resource(), RESOURCE_KEYS, EventView::resourceField);
            case "namespace" -> e.namespace();
            case "requestURI" -> e.requestURI();
            case "decision" -> e.decision();
            case "code" -> e.code() == null ? null : e.code().longValue();
            case "sourceIPs" -> e.sourceIPs();
            case "userAgent" -> e.userAgent();
            case "annotations" -> e.annotations();
            case "facts" -> facts(e);
            case "falco" -> e.falco() == null ? null : new Lazy<>(e.falco(), FALCO_KEYS, EventView::falcoField);
            case "targetTenant" -> e.targetTenant();
            case "actorTenants" -> e.actorTenants();
            case "tenancySource" -> e.tenancySource();
            default -> null;
        };
    }

    /** Facts are nested records several levels deep: converted once, on first use, through Jackson. */
    private Object facts(NormalizedEvent e) {
        if (facts == null) {
            facts = WITHOUT_NULLS.convertValue(e.facts(), Map.class);
        }
        return facts;
    }

    private static Object actorField(Actor a, String key) {
        return switch (key) {
            case "username" -> a.username();
            case "uid" -> a.uid();
            case "groups" -> a.groups();
            case "extraOid" -> a.extraOid();
            case "class" -> a.actorClass() == null ? null : a.actorClass().label();
            case "type" -> a.type() == null ? null : a.type().label();
            case "serviceAccountNamespace" -> a.serviceAccountNamespace();
            case "podName" -> a.podName();
            case "credentialId" -> a.credentialId();
            case "impersonatedBy" -> a.impersonatedBy();
            default -> null;
        };
    }

    private static Object resourceField(ResourceRef r, String key) {
        return switch (key) {
            case "apiGroup" -> r.apiGroup();
            case "resource" -> r.resource();
            case "subresource" -> r.subresource();
            case "namespace" -> r.namespace();
            case "name" -> r.name();
            default -> null;
        };
    }

    private static Object falcoField(FalcoFacts f, String key) {
        return switch (key) {
            case "rule" -> f.rule();
            case "priority" -> f.priority();
            case "tags" -> f.tags();
            case "hostname" -> f.hostname();
            case "uuid" -> f.uuid();
            case "fields" -> f.fields();
            default -> null;
        };
    }
}
