package io.tenantwatch.alerting.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenantwatch.alerting.formats.OcsfSchema.Attribute;
import io.tenantwatch.alerting.formats.OcsfSchema.Definition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one event against a class of the {@link OcsfSchema}, strictly: every attribute is the
 * class's or its objects', and one that a profile brings only when {@code metadata.profiles}
 * declares that profile (a profile the class supports); every required attribute is there, in
 * the event and in each object it contains (a declared profile's required attributes too); enum
 * attributes hold one of the schema's ids and their caption siblings the schema's caption
 * ({@code severity}, {@code activity_name}, {@code type_name}…, free only for 99 Other); values
 * have their type's JSON shape; objects keep their {@code at_least_one} and {@code just_one}
 * constraints; nothing is null (OCSF leaves an attribute out instead).
 */
final class OcsfConformance {

    private static final long OTHER = 99;

    private final OcsfSchema schema;
    private final Definition eventClass;

    OcsfConformance(OcsfSchema schema, Definition eventClass) {
        this.schema = schema;
        this.eventClass = eventClass;
    }

    /** The checker of OCSF's Detection Finding, the class tenantwatch's OCSF output is. */
    static OcsfConformance detectionFinding(OcsfSchema schema) {
        return new OcsfConformance(schema, schema.eventClass("findings/detection_finding"));
    }

    /** Every problem of {@code event}, each naming the attribute's path; empty when it conforms. */
    List<String> problems(JsonNode event) {
        List<String> problems = new ArrayList<>();
        Set<String> profiles = declaredProfiles(event, problems);
        new Walk(profiles, problems).object("", eventClass, event);
        typeUid(event, problems);
        return problems;
    }

    /** OCSF defines type_uid as class_uid * 100 + activity_id. */
    private static void typeUid(JsonNode event, List<String> problems) {
        long expected = event.path("class_uid").asLong() * 100
                + event.path("activity_id").asLong();
        if (event.path("type_uid").asLong() != expected) {
            problems.add(
                    "type_uid: " + event.path("type_uid") + " is not class_uid * 100 + activity_id (" + expected + ")");
        }
    }

    private Set<String> declaredProfiles(JsonNode event, List<String> problems) {
        Set<String> declared = new LinkedHashSet<>();
        event.path("metadata").path("profiles").forEach(p -> {
            if (!eventClass.profiles().contains(p.asText())) {
                problems.add("metadata.profiles: '" + p.asText() + "' is not a profile of class " + eventClass.caption()
                        + " (" + eventClass.profiles() + ")");
            }
            declared.add(p.asText());
        });
        return declared;
    }

    private final class Walk {
        private final Set<String> profiles;
        private final List<String> problems;

        Walk(Set<String> profiles, List<String> problems) {
            this.profiles = profiles;
            this.problems = problems;
        }

        void object(String path, Definition def, JsonNode node) {
            node.fields().forEachRemaining(e -> {
                String at = path + e.getKey();
                Attribute a = def.attributes().get(e.getKey());
                if (a == null) {
                    problems.add(at + ": no such attribute in " + def.name());
                } else if (a.profile() != null && !profiles.contains(a.profile())) {
                    problems.add(at + ": attribute of profile '" + a.profile()
                            + "', which metadata.profiles does not declare");
                } else {
                    value(at, a, e.getValue());
                }
            });
            def.attributes().values().forEach(a -> {
                boolean applies = a.profile() == null || profiles.contains(a.profile());
                if (applies && a.requirement().equals("required") && !node.hasNonNull(a.name())) {
                    problems.add(path + a.name() + ": required by " + def.name() + ", missing");
                }
                if (a.sibling() != null
                        && node.has(a.name())
                        && node.get(a.name()).canConvertToLong()) {
                    sibling(path, a, node);
                }
            });
            def.atLeastOne().forEach(names -> {
                if (names.stream().noneMatch(node::hasNonNull)) {
                    problems.add(path + "(" + def.name() + "): needs at least one of " + names);
                }
            });
            def.justOne().forEach(names -> {
                if (names.stream().filter(node::hasNonNull).count() != 1) {
                    problems.add(path + "(" + def.name() + "): needs exactly one of " + names);
                }
            });
        }

        /** The caption attribute next to an enum id: the schema's caption, or any text for Other. */
        private void sibling(String path, Attribute a, JsonNode node) {
            long id = node.get(a.name()).asLong();
            JsonNode caption = node.get(a.sibling());
            String expected = a.enumCaptions().get(id);
            if (id == OTHER) {
                if (caption == null || !caption.isTextual()) {
                    problems.add(path + a.sibling() + ": " + a.name() + " is 99 Other, so it must say what");
                }
            } else if (caption != null && expected != null && !expected.equals(caption.asText())) {
                problems.add(path + a.sibling() + ": '" + caption.asText() + "' is not the caption of " + a.name() + " "
                        + id + " ('" + expected + "')");
            }
        }

        private void value(String at, Attribute a, JsonNode v) {
            if (v.isNull()) {
                problems.add(at + ": null (leave the attribute out instead)");
            } else if (a.array()) {
                if (!v.isArray()) {
                    problems.add(at + ": not an array");
                    return;
                }
                for (int i = 0; i < v.size(); i++) {
                    single(at + "[" + i + "]", a, v.get(i));
                }
            } else {
                single(at, a, v);
            }
        }

        private void single(String at, Attribute a, JsonNode v) {
            if (v.isNull()) {
                problems.add(at + ": null (leave it out instead)");
                return;
            }
            if (!OcsfSchema.isDataType(a.type())) {
                if (!v.isObject()) {
                    problems.add(at + ": not an object (" + a.type() + ")");
                } else if (!a.type().equals("object")) {
                    // "object" is the free-form object (unmapped): anything goes inside.
                    object(at + ".", schema.object(a.type()), v);
                }
                return;
            }
            String primitive = schema.primitiveOf(a.type());
            boolean ok =
                    switch (primitive) {
                        case "string_t" -> v.isTextual();
                        case "integer_t" -> v.isIntegralNumber() && v.canConvertToInt();
                        case "long_t" -> v.isIntegralNumber() && v.canConvertToLong();
                        case "float_t" -> v.isNumber();
                        case "boolean_t" -> v.isBoolean();
                        case "json_t" -> true;
                        default -> throw new IllegalStateException("unknown data type " + primitive);
                    };
            if (!ok) {
                problems.add(at + ": " + v + " is not a " + a.type());
                return;
            }
            Map<Long, String> captions = a.enumCaptions();
            if (!captions.isEmpty() && !captions.containsKey(v.asLong())) {
                problems.add(at + ": " + v + " is not one of " + captions);
            }
        }
    }
}
