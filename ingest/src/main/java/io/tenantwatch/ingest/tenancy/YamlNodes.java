package io.tenantwatch.ingest.tenancy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.schemas.config.ConfigProblems;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Typed reads of the tenancy file's YAML tree. A value of the wrong shape is a problem naming its
 * path (e.g. {@code tenants[1].namespaces[0]}) and is left out, so that reading goes on and every
 * problem of the file is reported at once.
 */
final class YamlNodes {

    private final ConfigProblems problems;

    YamlNodes(ConfigProblems problems) {
        this.problems = problems;
    }

    /**
     * A mapping (or nothing: null or a missing key is an empty section); each key not allowed is a
     * problem.
     *
     * @return the mapping, or null when there is none or it is not one
     */
    JsonNode mapping(JsonNode node, String path, List<String> allowedKeys) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(path, "must be a mapping");
            return null;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowedKeys.contains(key)) {
                problems.add(join(path, key), "unknown key (expected one of " + String.join(", ", allowedKeys) + ")");
            }
        }
        return node;
    }

    /** A list of non-empty strings; absent or null is empty, and entries with a problem are left out. */
    List<String> strings(JsonNode parent, String key, String path) {
        JsonNode node = parent == null ? null : parent.get(key);
        String at = join(path, key);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(at, "must be a list of strings (write [\"" + node.asText() + "\"] for one entry)");
            return List.of();
        }
        List<String> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String value = string(node.get(i), at + "[" + i + "]");
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    /** A non-empty string (quoted in YAML when it could read as a number or boolean), or null after a problem. */
    String string(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            problems.add(path, "missing");
            return null;
        }
        if (!node.isTextual()) {
            problems.add(
                    path,
                    "must be a string, not " + node.getNodeType().name().toLowerCase(Locale.ROOT) + " (quote it)");
            return null;
        }
        if (node.textValue().isBlank()) {
            problems.add(path, "must not be empty");
            return null;
        }
        return node.textValue();
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
