package io.tenantwatch.ingest.audit.facts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.ingest.json.JsonSupport;
import io.tenantwatch.schemas.Facts;
import io.tenantwatch.schemas.Facts.ConfigMap;
import io.tenantwatch.schemas.Facts.Namespace;
import io.tenantwatch.schemas.Facts.NetworkPolicy;
import io.tenantwatch.schemas.Facts.OwnerRef;
import io.tenantwatch.schemas.Facts.PodSpec;
import io.tenantwatch.schemas.Facts.Rbac;
import io.tenantwatch.schemas.Facts.Secret;
import io.tenantwatch.schemas.Facts.Service;
import io.tenantwatch.schemas.ResourceRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Facts from the object body of a write (docs/formats.md "facts"). The body is the one the API server
 * stored ({@code responseObject}) when the event has it and it is not a {@code Status}, else the one
 * sent ({@code requestObject}; for a patch, only the fields the patch carries). Bodies come as
 * {@link Body} values: read in the event's own pass when possible, else parsed here from where they
 * are. Nothing of a body but the facts leaves this class. Thread-safe.
 */
public final class FactsExtractor {

    static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch");

    private final JsonSupport json;

    public FactsExtractor(JsonSupport json) {
        this.json = json;
    }

    /**
     * {@link BodyFacts#NONE} for reads, deletes (but a namespace's, whose stored body names the uid
     * that learned tenancy retires), subresource writes (but pods/exec, whose options name its
     * command) and events without bodies.
     */
    public BodyFacts extract(ResourceRef ref, String verb, Body request, Body response) throws IOException {
        if (ref == null || (request == null && response == null)) {
            return BodyFacts.NONE;
        }
        FactsKind kind = FactsKind.forRequest(ref, verb);
        if (kind == null) {
            return BodyFacts.NONE;
        }
        if (kind == FactsKind.EXEC_OPTIONS) {
            return execOptions(tree(request, kind));
        }
        return kind.needsTree()
                ? fromTree(kind, "patch".equals(verb), request, response)
                : fromMetadata(kind, request, response);
    }

    /** The kind of facts a request's body gives, null for none. */
    private BodyFacts fromTree(FactsKind kind, boolean patch, Body request, Body response) throws IOException {
        JsonNode stored = tree(response, kind);
        if (stored != null && (!stored.isObject() || "Status".equals(Nodes.text(stored.path("kind"))))) {
            stored = null;
        }
        // The request is needed when nothing usable was stored, and for a namespace patch, whose
        // request says which labels it sets and removes.
        boolean needRequest = stored == null || (patch && kind == FactsKind.NAMESPACE);
        JsonNode sent = needRequest ? tree(request, kind) : null;
        JsonPatch jsonPatch = sent != null && sent.isArray() ? JsonPatch.of(sent) : null;
        JsonNode requested = jsonPatch != null ? jsonPatch.written() : sent;
        JsonNode body = stored != null ? stored : requested;
        if (body == null || !body.isObject()) {
            return BodyFacts.NONE;
        }
        Object part =
                switch (kind) {
                    case POD -> PodSpecFacts.of(body, body);
                    case WORKLOAD -> PodSpecFacts.of(body, body.path("spec").path("template"));
                    case CRONJOB ->
                        PodSpecFacts.of(
                                body,
                                body.path("spec")
                                        .path("jobTemplate")
                                        .path("spec")
                                        .path("template"));
                    case POD_TEMPLATE -> PodSpecFacts.of(body, body.path("template"));
                    case ROLE -> RbacFacts.role(body);
                    case ROLE_BINDING -> RbacFacts.binding(body);
                    case SERVICE -> NetworkFacts.service(body);
                    case NETWORK_POLICY -> NetworkFacts.networkPolicy(body);
                    case CONFIG_MAP -> ConfigMapFacts.of(body);
                    case NAMESPACE ->
                        NamespaceFacts.of(
                                body, patch ? requested : null, jsonPatch != null ? jsonPatch.removed() : List.of());
                    case SECRET, OTHER, EXEC_OPTIONS -> throw new IllegalStateException(kind + " is read by streaming");
                };
        JsonNode metadata = body.path("metadata");
        return new BodyFacts(
                facts(part, BodyMetadata.ownerReferences(metadata.path("ownerReferences"))),
                Nodes.text(metadata.path("name")));
    }

    /** The command of a PodExecOptions: its strings in order; none when it has no usable one. */
    private static BodyFacts execOptions(JsonNode options) {
        JsonNode command = options == null ? null : options.path("command");
        if (command == null || !command.isArray() || command.isEmpty()) {
            return BodyFacts.NONE;
        }
        List<String> arguments = new ArrayList<>(command.size());
        for (JsonNode argument : command) {
            if (!argument.isTextual()) {
                return BodyFacts.NONE;
            }
            arguments.add(argument.asText());
        }
        return new BodyFacts(Facts.NONE, null, arguments);
    }

    private BodyFacts fromMetadata(FactsKind kind, Body request, Body response) throws IOException {
        boolean wantType = kind == FactsKind.SECRET;
        BodyMetadata m = metadata(response, wantType);
        if (m == null || m.isStatus()) {
            m = metadata(request, wantType);
        }
        if (m == null) {
            return BodyFacts.NONE;
        }
        return new BodyFacts(facts(wantType ? new Secret(m.type()) : null, m.ownerReferences()), m.name());
    }

    /** The selective tree of a body, parsing it now if it was only located. */
    private JsonNode tree(Body body, FactsKind kind) throws IOException {
        if (body instanceof Body.Read read) {
            return read.tree();
        }
        if (body instanceof Body.Located located) {
            try (JsonParser p = json.parser(located.span())) {
                p.nextToken();
                return SelectiveTree.read(p, kind);
            }
        }
        return null;
    }

    /** The metadata of a body, scanning it now (and stopping early) if it was only located. */
    private BodyMetadata metadata(Body body, boolean wantType) throws IOException {
        if (body instanceof Body.Scanned scanned) {
            return scanned.metadata();
        }
        if (body instanceof Body.Located located) {
            try (JsonParser p = json.parser(located.span())) {
                return p.nextToken() == JsonToken.START_OBJECT ? BodyMetadata.scan(p, wantType, false) : null;
            }
        }
        return null;
    }

    /** A Facts with the one kind-specific part that is set (Facts holds at most one). */
    private static Facts facts(Object part, List<OwnerRef> owners) {
        if (part == null && owners.isEmpty()) {
            return Facts.NONE;
        }
        return new Facts(
                part instanceof PodSpec pod ? pod : null,
                part instanceof Rbac rbac ? rbac : null,
                part instanceof Service svc ? svc : null,
                part instanceof ConfigMap cm ? cm : null,
                part instanceof Secret secret ? secret : null,
                part instanceof Namespace ns ? ns : null,
                part instanceof NetworkPolicy np ? np : null,
                owners);
    }
}
