package io.tenantwatch.detectors.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SOC analyst's triage note of every built-in detector, keyed by detector id: what to check
 * first and the usual benign causes. One place for all of them, {@code triage.yaml} next to this
 * class; {@link CatalogueDoc} renders them under each group's table of {@code docs/detectors.md}.
 */
public final class TriageNotes {

    static final String RESOURCE = "triage.yaml";

    private static final Map<String, String> NOTES = load();

    private TriageNotes() {}

    /** Every note, by detector id, in the order of the file. */
    public static Map<String, String> all() {
        return NOTES;
    }

    /** The note of a detector, or null when it has none (an operator's own rule). */
    public static String of(String detectorId) {
        return NOTES.get(detectorId);
    }

    private static Map<String, String> load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        // A detector named twice would otherwise keep its last note silently.
        yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        try (InputStream in = TriageNotes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            JsonNode root = yaml.readTree(in);
            if (root == null || !root.isObject()) {
                throw new IllegalStateException(RESOURCE + ": expected a mapping from detector id to its note");
            }
            Map<String, String> notes = new LinkedHashMap<>();
            root.fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) {
                    throw new IllegalStateException(RESOURCE + ": the note of " + e.getKey() + " is not text");
                }
                notes.put(e.getKey(), e.getValue().textValue().strip().replaceAll("\\s+", " "));
            });
            return Collections.unmodifiableMap(notes);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + " cannot be read", e);
        }
    }
}
