package io.tenantwatch.alerting.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tenantwatch.schemas.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OCSF schema sources under {@code src/test/resources/ocsf-schema-1.1.0/}, resolved the way
 * OCSF's schema compiler does, so that a test checks findings against the schema itself and not
 * against a copy of it written by hand:
 *
 * <ul>
 *   <li>{@code $include} of an {@code attributes} block merges the included file's attributes
 *       under the item's own (the item wins); a profile's attributes are marked with the profile's
 *       name, and an include's {@code annotations} fill keys the attribute does not set;
 *   <li>{@code extends} merges the parent (resolved first) under the child, for classes and
 *       objects alike, constraints included;
 *   <li>an attribute of a class or object is its dictionary entry with the item's definition
 *       merged over it, so enums add up (finding's {@code status_id} captions replace the
 *       dictionary's where both define a value);
 *   <li>a class's {@code class_uid} is its category's uid × 1000 + its own, and its
 *       {@code category_uid}, {@code class_uid} and {@code type_uid} get the enums the compiler
 *       generates (captions {@code Findings}, {@code Detection Finding},
 *       {@code Detection Finding: Create}…).
 * </ul>
 */
final class OcsfSchema {

    static final String ROOT = "/ocsf-schema-1.1.0/";

    /** One attribute as an event may use it. {@code profile} is null unless a profile brings it. */
    record Attribute(
            String name,
            String type,
            boolean array,
            String requirement,
            String profile,
            Map<Long, String> enumCaptions,
            String sibling) {}

    /** A class or object: its attributes and its constraints (lists of attribute names). */
    record Definition(
            String name,
            String caption,
            Map<String, Attribute> attributes,
            Set<String> profiles,
            List<List<String>> atLeastOne,
            List<List<String>> justOne) {}

    private final JsonNode dictionary;
    private final JsonNode categories;
    private final String version;
    private final Map<String, Definition> objects = new HashMap<>();

    private OcsfSchema() {
        this.dictionary = read("dictionary.json");
        this.categories = read("categories.json");
        this.version = read("version.json").path("version").asText();
    }

    static OcsfSchema load() {
        return new OcsfSchema();
    }

    String version() {
        return version;
    }

    /** A class by its file under {@code events/}, e.g. {@code findings/detection_finding}. */
    Definition eventClass(String path) {
        ObjectNode cls = resolvedItem("events/" + path + ".json", "events");
        String category = cls.path("category").asText();
        JsonNode cat = categories.path("attributes").path(category);
        if (cat.isMissingNode()) {
            throw new IllegalStateException("class " + path + " names unknown category " + category);
        }
        long categoryUid = cat.path("uid").asLong();
        long classUid = categoryUid * 1000 + cls.path("uid").asLong();
        String caption = cls.path("caption").asText();
        Definition d = definition(cls);
        // What the compiler generates: the enums of the classification attributes.
        Map<String, Attribute> attributes = new LinkedHashMap<>(d.attributes());
        attributes.computeIfPresent(
                "category_uid",
                (k, a) -> withEnum(a, Map.of(categoryUid, cat.path("caption").asText())));
        attributes.computeIfPresent("class_uid", (k, a) -> withEnum(a, Map.of(classUid, caption)));
        Map<Long, String> types = new LinkedHashMap<>();
        attributes.get("activity_id").enumCaptions().forEach((id, activity) -> {
            types.put(classUid * 100 + id, caption + ": " + activity);
        });
        attributes.computeIfPresent("type_uid", (k, a) -> withEnum(a, types));
        return new Definition(d.name(), caption, attributes, d.profiles(), d.atLeastOne(), d.justOne());
    }

    /** An object by name, e.g. {@code finding_info}; {@code object} is the free-form object. */
    Definition object(String name) {
        Definition d = objects.get(name);
        if (d == null) {
            d = definition(resolvedItem("objects/" + name + ".json", "objects"));
            objects.put(name, d);
        }
        return d;
    }

    /** The JSON type under a dictionary data type: {@code timestamp_t} is a {@code long_t}. */
    String primitiveOf(String type) {
        String t = type;
        for (int depth = 0; depth < 5; depth++) {
            JsonNode def = dictionary.path("types").path("attributes").path(t);
            if (def.isMissingNode()) {
                throw new IllegalStateException("dictionary has no data type " + t);
            }
            if (!def.has("type")) {
                return t;
            }
            t = def.path("type").asText();
        }
        throw new IllegalStateException("data type " + type + " does not resolve");
    }

    static boolean isDataType(String type) {
        return type.endsWith("_t");
    }

    private Definition definition(ObjectNode item) {
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        item.path("attributes").fields().forEachRemaining(e -> {
            attributes.put(e.getKey(), attribute(e.getKey(), e.getValue()));
        });
        Set<String> profiles = new LinkedHashSet<>();
        item.path("profiles").forEach(p -> profiles.add(p.asText()));
        return new Definition(
                item.path("name").asText(),
                item.path("caption").asText(),
                attributes,
                profiles,
                constraint(item, "at_least_one"),
                constraint(item, "just_one"));
    }

    private Attribute attribute(String name, JsonNode inItem) {
        JsonNode inDictionary = dictionary.path("attributes").path(name);
        if (inDictionary.isMissingNode()) {
            throw new IllegalStateException("attribute " + name + " is not in dictionary.json");
        }
        ObjectNode merged = inDictionary.deepCopy();
        merge(merged, (ObjectNode) inItem);
        Map<Long, String> captions = new LinkedHashMap<>();
        merged.path("enum").fields().forEachRemaining(e -> {
            captions.put(
                    Long.parseLong(e.getKey()), e.getValue().path("caption").asText());
        });
        return new Attribute(
                name,
                merged.path("type").asText(),
                merged.path("is_array").asBoolean(false),
                merged.path("requirement").asText("optional"),
                merged.hasNonNull("profile") ? merged.path("profile").asText() : null,
                captions,
                merged.hasNonNull("sibling") ? merged.path("sibling").asText() : null);
    }

    private static Attribute withEnum(Attribute a, Map<Long, String> captions) {
        return new Attribute(a.name(), a.type(), a.array(), a.requirement(), a.profile(), captions, a.sibling());
    }

    private static List<List<String>> constraint(JsonNode item, String kind) {
        List<List<String>> lists = new ArrayList<>();
        JsonNode c = item.path("constraints").path(kind);
        if (c.isArray() && !c.isEmpty()) {
            List<String> names = new ArrayList<>();
            c.forEach(n -> names.add(n.asText()));
            lists.add(names);
        }
        return lists;
    }

    /**
     * The item at {@code path} with its includes resolved and its parents merged under it. A
     * class's parent is looked for next to it, then at the top of {@code events/}.
     */
    private ObjectNode resolvedItem(String path, String kind) {
        ObjectNode item = withIncludes(read(path));
        String parent = item.path("extends").asText(null);
        if (parent == null) {
            return item;
        }
        String parentPath;
        if (kind.equals("objects")) {
            parentPath = "objects/" + parent + ".json";
        } else {
            String sibling = path.substring(0, path.lastIndexOf('/') + 1) + parent + ".json";
            parentPath = exists(sibling) ? sibling : "events/" + parent + ".json";
        }
        ObjectNode resolved = resolvedItem(parentPath, kind);
        // The parent's name, caption and uid are not the child's; its attributes and constraints are.
        resolved.remove(List.of("name", "caption", "uid", "extends", "description", "category"));
        // A class may use the profiles of all its ancestors: the lists add up rather than replace.
        Set<String> profiles = new LinkedHashSet<>();
        resolved.path("profiles").forEach(p -> profiles.add(p.asText()));
        item.path("profiles").forEach(p -> profiles.add(p.asText()));
        merge(resolved, item);
        profiles.forEach(resolved.putArray("profiles")::add);
        return resolved;
    }

    /** Resolves {@code attributes.$include}: included attributes under the item's own. */
    private ObjectNode withIncludes(ObjectNode item) {
        ObjectNode attributes = (ObjectNode) item.path("attributes");
        JsonNode include = attributes.remove("$include");
        if (include == null) {
            attributes.fields().forEachRemaining(e -> {
                if (e.getValue().has("$include")) {
                    throw new IllegalStateException("attribute-level $include is not used by the copied files");
                }
            });
            return item;
        }
        List<String> files = new ArrayList<>();
        if (include.isArray()) {
            include.forEach(f -> files.add(f.asText()));
        } else {
            files.add(include.asText());
        }
        for (String file : files) {
            JsonNode included = read(file);
            ObjectNode base = included.path("attributes").deepCopy();
            boolean profile = "profile".equals(included.path("meta").asText());
            base.fields().forEachRemaining(e -> {
                ObjectNode attribute = (ObjectNode) e.getValue();
                if (profile) {
                    attribute.put("profile", included.path("name").asText());
                }
                included.path("annotations").fields().forEachRemaining(a -> {
                    if (!attribute.has(a.getKey())) {
                        attribute.set(a.getKey(), a.getValue());
                    }
                });
            });
            merge(base, (ObjectNode) item.path("attributes"));
            item.set("attributes", base);
        }
        return item;
    }

    /** Deep merge of {@code over} into {@code base}: objects merge key by key, {@code over} wins. */
    private static void merge(ObjectNode base, ObjectNode over) {
        over.fields().forEachRemaining(e -> {
            JsonNode existing = base.get(e.getKey());
            if (existing instanceof ObjectNode b && e.getValue() instanceof ObjectNode o) {
                merge(b, o);
            } else {
                base.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }

    private static boolean exists(String path) {
        return OcsfSchema.class.getResource(ROOT + path) != null;
    }

    private static ObjectNode read(String path) {
        try (InputStream in = OcsfSchema.class.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("the OCSF schema file " + path + " is not under src/test/resources"
                        + ROOT + ": copy it from the OCSF 1.1.0 sources and list it in PROVENANCE.md");
            }
            return (ObjectNode) Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
