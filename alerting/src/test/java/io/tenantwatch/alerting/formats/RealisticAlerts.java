package io.tenantwatch.alerting.formats;

import io.tenantwatch.schemas.Alert;
import io.tenantwatch.schemas.AlertKeys;
import io.tenantwatch.schemas.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Alerts the detectors really wrote (realistic-alerts.jsonl; how it was made is in PROVENANCE.md
 * next to it), and further occurrences of their findings.
 */
final class RealisticAlerts {

    private static final List<Alert> ALL = read("realistic-alerts.jsonl");

    private RealisticAlerts() {}

    static List<Alert> all() {
        return ALL;
    }

    /** The fixture's first alert of {@code detector}. */
    static Alert of(String detector) {
        return ALL.stream()
                .filter(a -> a.detector().equals(detector))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + detector + " alert in the fixture"));
    }

    /** Another occurrence of {@code alert}'s finding: its own audit id (so its own id) and time. */
    static Alert occurrence(Alert alert, Instant time, String auditId) {
        Alert.Evidence e = alert.evidence();
        return new Alert(
                alert.schemaVersion(),
                AlertKeys.alertId(alert.detector(), alert.cluster(), auditId),
                alert.fingerprint(),
                alert.detector(),
                alert.severity(),
                alert.title(),
                alert.summary(),
                time,
                null,
                null,
                alert.cluster(),
                alert.tenant(),
                alert.actorTenants(),
                alert.namespace(),
                alert.actor(),
                alert.verb(),
                alert.resource(),
                alert.source(),
                new Alert.Evidence(
                        List.of(auditId),
                        1,
                        e.sourceIPs(),
                        e.userAgent(),
                        e.requestURI(),
                        e.falcoRule(),
                        e.falcoUuid(),
                        e.keys(),
                        e.details()),
                alert.mitre());
    }

    private static List<Alert> read(String resource) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(RealisticAlerts.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            List<Alert> alerts = new ArrayList<>();
            for (String line : in.lines().filter(l -> !l.isBlank()).toList()) {
                alerts.add(Json.readerFor(Alert.class).readValue(line));
            }
            return List.copyOf(alerts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
