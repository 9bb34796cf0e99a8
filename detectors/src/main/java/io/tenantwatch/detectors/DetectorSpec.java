package io.tenantwatch.detectors;

import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.Severity;

/**
 * What the catalogue says about one detector: its stable id, group, default severity, the MITRE
 * ATT&amp;CK mapping and the title an analyst sees.
 */
public record DetectorSpec(String id, DetectorGroup group, Severity severity, Alert.Mitre mitre, String title) {

    public static DetectorSpec of(
            String id, DetectorGroup group, Severity severity, String tactic, String technique, String title) {
        return new DetectorSpec(id, group, severity, new Alert.Mitre(tactic, technique), title);
    }
}
