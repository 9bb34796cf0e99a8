package io.tenantwatch.ingest.audit.facts;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 6902 JSON patch (a patch request body that is an array of operations) seen as "the fields
 * the patch carries": the partial object its add and replace operations write, and the pointers its
 * remove operations delete. So a JSON patch that adds a privileged container or an allow-all ingress
 * rule yields the same facts as the equivalent merge patch. copy, move and test are ignored: they
 * refer to the stored object, which a Request-level event does not carry.
 */
final class JsonPatch {

    /** Array indexes beyond this are ignored rather than padded (a patch cannot make us allocate). */
    private static final int MAX_INDEX = 1024;

    private final ObjectNode written = JsonNodeFactory.instance.objectNode();
    private final List<String> removed = new ArrayList<>();

    private JsonPatch() {}

    static JsonPatch of(JsonNode operations) {
        JsonPatch patch = new JsonPatch();
        for (JsonNode op : Nodes.elements(operations)) {
            String path = Nodes.text(op.path("path"));
            if (path == null) {
                continue;
            }
            switch (String.valueOf(Nodes.text(op.path("op")))) {
                case "add", "replace" -> {
                    if (op.has("value")) {
                        patch.write(path, op.get("value"));
                    }
                }
                case "remove" -> patch.removed.add(path);
                default -> {}
            }
        }
        return patch;
    }

    /** The partial object that the add and replace operations write. */
    ObjectNode written() {
        return written;
    }

    /** The JSON pointers that remove operations delete, as written in the patch. */
    List<String> removed() {
        return removed;
    }

    private void write(String pointer, JsonNode value) {
        JsonPointer ptr;
        try {
            ptr = JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            return;
        }
        JsonNode parent = written;
        while (!ptr.matches()) {
            String segment = ptr.getMatchingProperty();
            JsonPointer rest = ptr.tail();
            if (rest.matches()) {
                set(parent, segment, value);
                return;
            }
            JsonNode child = get(parent, segment);
            if (child == null || !child.isContainerNode()) {
                child = isIndex(rest.getMatchingProperty())
                        ? JsonNodeFactory.instance.arrayNode()
                        : JsonNodeFactory.instance.objectNode();
                if (!set(parent, segment, child)) {
                    return;
                }
            }
            parent = child;
            ptr = rest;
        }
    }

    private static JsonNode get(JsonNode parent, String segment) {
        if (parent.isObject()) {
            return parent.get(segment);
        }
        int index = index(segment);
        return index >= 0 ? parent.get(index) : null;
    }

    private static boolean set(JsonNode parent, String segment, JsonNode value) {
        if (parent instanceof ObjectNode object) {
            object.set(segment, value);
            return true;
        }
        ArrayNode array = (ArrayNode) parent;
        if ("-".equals(segment)) {
            array.add(value);
            return true;
        }
        int index = index(segment);
        if (index < 0 || index > MAX_INDEX) {
            return false;
        }
        while (array.size() < index) {
            array.add(NullNode.getInstance());
        }
        if (index == array.size()) {
            array.add(value);
        } else {
            array.set(index, value);
        }
        return true;
    }

    private static boolean isIndex(String segment) {
        return "-".equals(segment) || index(segment) >= 0;
    }

    private static int index(String segment) {
        if (segment.isEmpty() || segment.length() > 9) {
            return -1;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(segment);
    }
}
