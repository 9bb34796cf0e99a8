package io.tenantwatch.ingest.tenancy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Typed reads of the tenancy file's YAML tree. Each failure is a {@link Problem} naming the path
 * (e.g. {@code tenants[1].namespaces[0]}); the loader adds the file name.
 */
final class YamlNodes {

    /** One problem with the file; unchecked inside the loader, which turns it into its exception. */
    static final class Problem extends RuntimeException {
        Problem(String message) {
            super(message, null, false, false);
        }
    }

    private YamlNodes() {}

    /** A mapping (or nothing: null or a missing key is an empty section) with only the given keys. */
    static JsonNode mapping(JsonNode node, String path, List<String> allowedKeys) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isObject()) {
            throw new Problem(path + " must be a mapping");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowedKeys.contains(key)) {
                throw new Problem("unknown key '" + key + "'" + (path.isEmpty() ? "" : " in " + path)
                        + " (expected one of " + String.join(", ", allowedKeys) + ")");
            }
        }
        return node;
    }

    /** A list of non-empty strings; absent or null is empty. */
    static List<String> strings(JsonNode parent, String key, String path) {
        JsonNode node = parent == null ? null : parent.get(key);
        String at = join(path, key);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new Problem(at + " must be a list of strings (write [\"" + node.asText() + "\"] for one entry)");
        }
        List<String> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(string(node.get(i), at + "[" + i + "]"));
        }
        return out;
    }

    /** A non-empty string (quoted in YAML when it could read as a number or boolean). */
    static String string(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            throw new Problem(path + " is missing");
        }
        if (!node.isTextual()) {
            throw new Problem(path + " must be a string, not " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + " (quote it)");
        }
        if (node.textValue().isBlank()) {
            throw new Problem(path + " is empty");
        }
        return node.textValue();
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
