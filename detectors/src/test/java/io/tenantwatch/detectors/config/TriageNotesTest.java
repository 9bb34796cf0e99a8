package io.tenantwatch.detectors.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.tenantwatch.detectors.BuiltInDetectors;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every built-in detector has a triage note in triage.yaml, and the notes name only what exists. */
class TriageNotesTest {

    /** A code span in a note: `...`. */
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    /** Shaped like a detector id: lower-case words joined by '-'. */
    private static final Pattern ID_SHAPED = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)+");
    /** Names the notes quote that look like ids but are Kubernetes or tool names, not detectors. */
    private static final Set<String> NOT_DETECTORS = Set.of(
            "kube-system",
            "kube-public",
            "cert-manager",
            "flux-system",
            "kube-hunter",
            "coredns-custom",
            "kubelet-nodepool-bootstrap");

    private static Set<String> builtInIds() {
        return BuiltInDetectors.definitions().stream()
                .map(DetectorDefinition::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Test
    void everyBuiltInDetectorHasANote() {
        for (String id : builtInIds()) {
            assertThat(TriageNotes.of(id))
                    .as("triage note of " + id + " in " + TriageNotes.RESOURCE)
                    .isNotBlank();
        }
    }

    @Test
    void noNoteIsKeyedByAnUnknownId() {
        assertThat(builtInIds())
                .as("ids with a triage note that are not built-in detectors")
                .containsAll(TriageNotes.all().keySet());
    }

    @Test
    void notesNameOnlyKnownDetectors() {
        Set<String> ids = builtInIds();
        for (Map.Entry<String, String> note : TriageNotes.all().entrySet()) {
            Matcher m = CODE.matcher(note.getValue());
            while (m.find()) {
                String quoted = m.group(1);
                if (ID_SHAPED.matcher(quoted).matches() && !NOT_DETECTORS.contains(quoted)) {
                    assertThat(ids)
                            .as("`" + quoted + "` in the note of " + note.getKey()
                                    + " is not a detector id (add it to NOT_DETECTORS if it is not meant as one)")
                            .contains(quoted);
                }
            }
        }
    }

    @Test
    void everyExceptionExampleIsAValidException() {
        DetectorConfigLoader loader = new DetectorConfigLoader(BuiltInDetectors.definitions());
        for (Map.Entry<String, String> note : TriageNotes.all().entrySet()) {
            Matcher m = CODE.matcher(note.getValue());
            while (m.find()) {
                String example = m.group(1);
                if (example.startsWith("{detector:")) {
                    assertThat(example)
                            .as("exception example in the note of " + note.getKey() + " is about it")
                            .contains("detector: " + note.getKey());
                    assertThatCode(() -> loader.parse(note.getKey(), "exceptions:\n  - " + example + "\n"))
                            .as("exception example in the note of " + note.getKey())
                            .doesNotThrowAnyException();
                }
            }
        }
    }

    @Test
    void theCatalogueRendersEveryNoteUnderItsGroup() {
        String doc = CatalogueDoc.markdown(BuiltInDetectors.definitions());
        assertThat(doc).contains("## Terms used below");
        for (String id : builtInIds()) {
            assertThat(doc).contains("- `" + id + "`: " + TriageNotes.of(id) + "\n");
        }
    }
}
