package io.tenantwatch.ingest.audit.facts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.ingest.json.JsonInput;
import io.tenantwatch.ingest.json.JsonSpan;
import io.tenantwatch.schemas.ResourceRef;
import java.io.IOException;

/**
 * An object body of an audit event as it was collected. In the API server's field order objectRef,
 * verb and level come before the bodies, so the body that will yield facts is read right off the
 * event's parser, in the same pass ({@link Read}, {@link Scanned}). A body that comes before the
 * fields that say whether it is needed (the old webhook form sorts keys), or that is needed only if
 * the other one turns out unusable (the request, when a response will follow), is only located
 * ({@link Located}) and parsed at the end of the event if it is needed after all.
 */
public sealed interface Body {

    /** Where the body is; parsed later, only if needed. */
    record Located(JsonSpan span) implements Body {}

    /** A tree of the fields the kind's facts read (see {@link SelectiveTree}). */
    record Read(JsonNode tree) implements Body {}

    /** The metadata of a body of a kind without other facts. */
    record Scanned(BodyMetadata metadata) implements Body {}

    /**
     * Collects the body at the parser (START_OBJECT or START_ARRAY), given what the event said
     * before it; null when no facts can come from it (reads, deletes but a namespace's, subresource writes).
     *
     * @param level the audit level when already seen: at "Request" no response body will follow
     */
    static Body collect(JsonParser p, JsonInput input, ResourceRef ref, String verb, String level, boolean response)
            throws IOException {
        if (ref == null || verb == null) {
            return new Located(input.skipToSpan(p));
        }
        FactsKind kind = FactsKind.forRequest(ref, verb);
        // An exec's options are its request; a response body (a Status) says nothing of the command.
        if (kind == null || (kind == FactsKind.EXEC_OPTIONS && response)) {
            p.skipChildren();
            return null;
        }
        boolean readNow = response || "Request".equals(level) || (kind == FactsKind.NAMESPACE && "patch".equals(verb));
        if (!readNow) {
            return new Located(input.skipToSpan(p));
        }
        if (kind.needsTree()) {
            return new Read(SelectiveTree.read(p, kind));
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren(); // a JSON patch names no metadata
            return null;
        }
        return new Scanned(BodyMetadata.scan(p, kind == FactsKind.SECRET, true));
    }
}
