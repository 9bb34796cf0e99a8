package io.tenantwatch.ingest.audit.facts;

import io.tenantwatch.schemas.Facts;
import java.util.List;

/**
 * What an object body yields: its facts, its metadata.name (objectRef has no name for creates with
 * generateName; the stored object has), and for a pods/exec request the command its PodExecOptions
 * names (empty otherwise).
 */
public record BodyFacts(Facts facts, String objectName, List<String> execCommand) {

    public static final BodyFacts NONE = new BodyFacts(Facts.NONE, null);

    public BodyFacts {
        execCommand = execCommand == null ? List.of() : List.copyOf(execCommand);
    }

    public BodyFacts(Facts facts, String objectName) {
        this(facts, objectName, List.of());
    }
}
