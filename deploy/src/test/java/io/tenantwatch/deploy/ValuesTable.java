package io.tenantwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chart README's values table, generated from values.yaml by helm-docs' convention: a comment
 * block that starts with {@code # --} right above a key describes it (its following {@code #}
 * lines continue the description; {@code # @default -- text} replaces the shown default).
 *
 * <p>Which keys get a row: every documented key, and every undocumented leaf (a scalar, a list or an
 * empty map), so that an undocumented key shows up with an empty description instead of vanishing. A
 * documented map none of whose keys is documented is one row, its default the whole map (resources,
 * a security context); otherwise the map's keys get rows of their own.
 */
final class ValuesTable {

    static final String BEGIN = "<!-- values table: generated from values.yaml by ValuesTable; do not edit by hand -->";
    static final String END = "<!-- end of values table -->";
    static final String REGENERATE = "./mvnw -B -pl deploy verify -Dtest=ValuesTableTest -Dvalues.table.write=true";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_.\\-]+|\"[^\"]+\"):(?: |$)");
    private static final Pattern LIST_ITEM = Pattern.compile("^( *)- ");
    private static final Pattern COMMENT = Pattern.compile("^ *#(.*)$");

    /** One row: the dotted key, helm-docs' type name, the default as shown, the description. */
    record Row(String key, String type, String defaultValue, String description) {}

    /** What the comment above a key said. */
    private record Doc(String description, String defaultOverride) {}

    private ValuesTable() {}

    static List<Row> rows(String valuesYaml) {
        Map<String, Doc> docs = comments(valuesYaml);
        JsonNode values;
        try {
            values = YAML.readTree(valuesYaml);
        } catch (IOException e) {
            throw new UncheckedIOException("values.yaml does not parse", e);
        }
        List<Row> rows = new ArrayList<>();
        if (values != null && values.isObject()) {
            walk("", values, docs, rows);
        }
        return rows;
    }

    private static void walk(String prefix, JsonNode map, Map<String, Doc> docs, List<Row> rows) {
        map.fields().forEachRemaining(field -> {
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            Doc doc = docs.get(key);
            boolean nested = value.isObject() && !value.isEmpty();
            boolean childrenDocumented = nested && docs.keySet().stream().anyMatch(k -> k.startsWith(key + "."));
            if (doc != null || !nested) {
                Doc shown = doc == null ? new Doc("", null) : doc;
                rows.add(new Row(
                        key,
                        type(value),
                        shown.defaultOverride() != null ? shown.defaultOverride() : "`" + json(value) + "`",
                        shown.description()));
            }
            if (nested && (doc == null || childrenDocumented)) {
                walk(key + ".", value, docs, rows);
            }
        });
    }

    /** The {@code # --} comment blocks of values.yaml, by the dotted path of the key below each. */
    static Map<String, Doc> comments(String valuesYaml) {
        Map<String, Doc> docs = new HashMap<>();
        List<Integer> stackIndent = new ArrayList<>();
        List<String> stackKey = new ArrayList<>();
        List<String> block = new ArrayList<>();
        int listIndent = -1;
        for (String line : valuesYaml.split("\n", -1)) {
            Matcher comment = COMMENT.matcher(line);
            if (comment.matches()) {
                block.add(comment.group(1).startsWith(" ") ? comment.group(1).substring(1) : comment.group(1));
                continue;
            }
            Matcher key = KEY.matcher(line);
            Matcher item = LIST_ITEM.matcher(line);
            if (key.find() && !item.find()) {
                int indent = key.group(1).length();
                if (listIndent >= 0 && indent > listIndent) {
                    block.clear();
                    continue; // a key inside a list item belongs to the list's default
                }
                listIndent = -1;
                while (!stackIndent.isEmpty() && stackIndent.get(stackIndent.size() - 1) >= indent) {
                    stackIndent.remove(stackIndent.size() - 1);
                    stackKey.remove(stackKey.size() - 1);
                }
                stackIndent.add(indent);
                stackKey.add(key.group(2).replace("\"", ""));
                Doc doc = doc(block);
                if (doc != null) {
                    docs.put(String.join(".", stackKey), doc);
                }
            } else if (item.reset().find()) {
                int indent = item.group(1).length();
                listIndent = listIndent < 0 ? indent : Math.min(listIndent, indent);
            }
            block.clear();
        }
        return docs;
    }

    /** The last block in {@code lines} that starts with "-- ", or null. */
    private static Doc doc(List<String> lines) {
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("-- ")) {
                start = i;
            }
        }
        if (start < 0) {
            return null;
        }
        StringBuilder text = new StringBuilder(lines.get(start).substring(3).strip());
        String defaultOverride = null;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("@default -- ")) {
                defaultOverride = line.substring("@default -- ".length()).strip();
            } else if (!line.isBlank()) {
                text.append(' ').append(line.strip());
            }
        }
        return new Doc(text.toString(), defaultOverride);
    }

    private static String type(JsonNode value) {
        if (value.isTextual()) {
            return "string";
        } else if (value.isBoolean()) {
            return "bool";
        } else if (value.isIntegralNumber()) {
            return "int";
        } else if (value.isNumber()) {
            return "float";
        } else if (value.isArray()) {
            return "list";
        }
        return "object";
    }

    private static String json(JsonNode value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String markdown(List<Row> rows) {
        StringBuilder out = new StringBuilder("| Key | Type | Default | Description |\n|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| `")
                    .append(row.key())
                    .append("` | ")
                    .append(row.type())
                    .append(" | ")
                    .append(cell(row.defaultValue()))
                    .append(" | ")
                    .append(cell(row.description()))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** A Markdown table cell: a pipe would end it. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** {@code readme} with the text between the markers replaced by {@code table}. */
    static String withTable(String readme, String table) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the README has no values table markers:\n" + BEGIN + "\n" + END);
        }
        return readme.substring(0, begin) + BEGIN + "\n\n" + table + "\n" + readme.substring(end);
    }
}
