package io.tenantwatch.detectors.runtime;

import io.tenantwatch.schemas.Alert;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a MITRE ATT&amp;CK mapping from a Falco rule's tags. Falco's rule sets tag the tactic as
 * {@code mitre_<tactic>} and the technique by id ({@code T1059}, {@code T1552.001}); plugin rule
 * sets also use {@code TA0005-defense-evasion} and {@code T1562-impair-defenses}. Technique names
 * are not in the tags, so the technique is the id alone.
 */
final class FalcoMitre {

    private static final Map<String, String> TACTIC_BY_TAG = Map.ofEntries(
            Map.entry("mitre_reconnaissance", "Reconnaissance"),
            Map.entry("mitre_resource_development", "Resource Development"),
            Map.entry("mitre_initial_access", "Initial Access"),
            Map.entry("mitre_execution", "Execution"),
            Map.entry("mitre_persistence", "Persistence"),
            Map.entry("mitre_privilege_escalation", "Privilege Escalation"),
            Map.entry("mitre_defense_evasion", "Defense Evasion"),
            Map.entry("mitre_credential_access", "Credential Access"),
            Map.entry("mitre_discovery", "Discovery"),
            Map.entry("mitre_lateral_movement", "Lateral Movement"),
            Map.entry("mitre_collection", "Collection"),
            Map.entry("mitre_command_and_control", "Command and Control"),
            Map.entry("mitre_exfiltration", "Exfiltration"),
            Map.entry("mitre_impact", "Impact"));

    /** ATT&amp;CK enterprise tactic ids. */
    private static final Map<String, String> TACTIC_BY_ID = Map.ofEntries(
            Map.entry("TA0043", "Reconnaissance"),
            Map.entry("TA0042", "Resource Development"),
            Map.entry("TA0001", "Initial Access"),
            Map.entry("TA0002", "Execution"),
            Map.entry("TA0003", "Persistence"),
            Map.entry("TA0004", "Privilege Escalation"),
            Map.entry("TA0005", "Defense Evasion"),
            Map.entry("TA0006", "Credential Access"),
            Map.entry("TA0007", "Discovery"),
            Map.entry("TA0008", "Lateral Movement"),
            Map.entry("TA0009", "Collection"),
            Map.entry("TA0011", "Command and Control"),
            Map.entry("TA0010", "Exfiltration"),
            Map.entry("TA0040", "Impact"));

    private static final Pattern TECHNIQUE = Pattern.compile("(?i)^(T\\d{4}(?:\\.\\d{3})?)(?:[-_].*)?$");
    private static final Pattern TACTIC_ID = Pattern.compile("(?i)^(TA\\d{4})(?:[-_].*)?$");

    private FalcoMitre() {}

    /** The mapping the tags name (either part may be null), or null when no tag names one. */
    static Alert.Mitre fromTags(List<String> tags) {
        String tactic = null;
        String technique = null;
        for (String tag : tags) {
            if (tag == null || tag.isEmpty()) {
                continue;
            }
            if (tactic == null) {
                tactic = tacticOf(tag);
            }
            if (technique == null && (tag.charAt(0) == 'T' || tag.charAt(0) == 't')) {
                Matcher m = TECHNIQUE.matcher(tag);
                if (m.matches()) {
                    technique = m.group(1).toUpperCase(Locale.ROOT);
                }
            }
        }
        return tactic == null && technique == null ? null : new Alert.Mitre(tactic, technique);
    }

    private static String tacticOf(String tag) {
        String byName = TACTIC_BY_TAG.get(tag);
        if (byName != null) {
            return byName;
        }
        if (tag.length() >= 6 && (tag.charAt(0) == 'T' || tag.charAt(0) == 't')) {
            Matcher m = TACTIC_ID.matcher(tag);
            if (m.matches()) {
                return TACTIC_BY_ID.get(m.group(1).toUpperCase(Locale.ROOT));
            }
        }
        return null;
    }
}
