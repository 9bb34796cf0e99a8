package io.tenantwatch.detectors.config;

import io.tenantwatch.detectors.DetectorGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code docs/detectors.md}, rendered from the catalogue itself so that it cannot drift from the
 * code: how to read it, the terms the catalogue uses ({@value #TERMS}, rendered verbatim), then
 * every detector with its group, default severity, MITRE mapping, title and tunable parameters
 * with their defaults, and under each group's table the triage note of each of its detectors
 * ({@link TriageNotes}). A test compares the committed file with this rendering.
 */
public final class CatalogueDoc {

    /** The Terms section, Markdown, next to this class. */
    static final String TERMS = "catalogue-terms.md";

    private CatalogueDoc() {}

    public static String markdown(List<DetectorDefinition> catalogue) {
        StringBuilder out = new StringBuilder(8192);
        out.append("# Detectors\n\n")
                .append("Generated from the detector registry by `tenantwatch rules docs`; a test keeps it in step.\n")
                .append(
                        "Tune any of them in `detectors.yaml` (`--config`): `enabled`, `severity`, the parameters below,\n")
                .append(
                        "exceptions, per-tenant overrides and custom CEL rules; `tenantwatch rules validate --config FILE`\n")
                .append("checks a file.\n\n")
                .append(
                        "How to read the tables: the id is the `detector` field of every alert the detector raises and\n")
                .append("its key in `detectors.yaml`; ids never change meaning. The severity is the default: a\n")
                .append("`severity` in `detectors.yaml`, global or per tenant, replaces it, and a few detectors pick\n")
                .append(
                        "another one for particular events (their notes say when). MITRE ATT&CK gives the tactic, then\n")
                .append(
                        "the technique with its id, `-` where none applies; an alert can carry a more precise mapping\n")
                .append("than the table (`exec-suspicious-command` by what the command did, `falco-runtime` from the\n")
                .append("Falco rule's tags). Parameters are listed with their defaults (durations such as `10m` or\n")
                .append("`14d`, lists, switches) and are set per detector in `detectors.yaml`. Under each table, a\n")
                .append("triage note per detector says what to check first and what is usually benign. The words the\n")
                .append("tables and notes rely on (allowed, platform, cross-tenant…) are defined under \"Terms used\n")
                .append(
                        "below\"; every alert field they name (`actor.username`, `evidence.details`…) is described in\n")
                .append(
                        "[the alert contract](alerts.md), and how the detectors perform on benign and attack traffic in\n")
                .append("[detection quality](detection-quality.md).\n");
        out.append('\n').append(terms().strip()).append('\n');
        for (DetectorGroup group : DetectorGroup.values()) {
            List<DetectorDefinition> inGroup =
                    catalogue.stream().filter(d -> d.spec().group() == group).toList();
            if (inGroup.isEmpty()) {
                continue;
            }
            out.append("\n## ")
                    .append(group.letter())
                    .append(". ")
                    .append(title(group))
                    .append("\n\n")
                    .append("| id | severity | MITRE ATT&CK | title | parameters (default) |\n")
                    .append("|---|---|---|---|---|\n");
            for (DetectorDefinition d : inGroup) {
                out.append("| `")
                        .append(d.id())
                        .append("` | ")
                        .append(d.spec().severity().label())
                        .append(" | ")
                        .append(nullToDash(d.spec().mitre().tactic()))
                        .append(" / ")
                        .append(nullToDash(d.spec().mitre().technique()))
                        .append(" | ")
                        .append(d.spec().title())
                        .append(" | ")
                        .append(params(d))
                        .append(" |\n");
            }
            triage(inGroup, out);
        }
        return out.toString();
    }

    /** The group's triage notes, one list item per detector that has one, in table order. */
    private static void triage(List<DetectorDefinition> inGroup, StringBuilder out) {
        List<DetectorDefinition> noted =
                inGroup.stream().filter(d -> TriageNotes.of(d.id()) != null).toList();
        if (noted.isEmpty()) {
            return;
        }
        out.append("\n**Triage**\n\n");
        for (DetectorDefinition d : noted) {
            out.append("- `")
                    .append(d.id())
                    .append("`: ")
                    .append(TriageNotes.of(d.id()))
                    .append('\n');
        }
    }

    /** The Terms section as written in its resource. */
    static String terms() {
        try (InputStream in = CatalogueDoc.class.getResourceAsStream(TERMS)) {
            if (in == null) {
                throw new IllegalStateException(TERMS + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(TERMS + " cannot be read", e);
        }
    }

    private static String params(DetectorDefinition d) {
        if (d.params().isEmpty()) {
            return "-";
        }
        return d.params().stream()
                .map(p -> "`" + p.name() + "` (" + defaultValue(p.defaultValue()) + "): " + p.description())
                .collect(Collectors.joining("<br>"));
    }

    private static String defaultValue(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "none" : list.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        return String.valueOf(value);
    }

    private static String nullToDash(String s) {
        return s == null ? "-" : s;
    }

    private static String title(DetectorGroup group) {
        return switch (group) {
            case CROSS_TENANT -> "Cross-tenant";
            case WORKLOAD -> "Privileged workloads";
            case INTERACTIVE -> "Interactive access";
            case RBAC -> "RBAC and identity";
            case CONTROL_PLANE -> "Control plane and defence evasion";
            case STATEFUL -> "Stateful and correlating";
            case RUNTIME -> "Runtime (Falco)";
            case CUSTOM -> group.name().toLowerCase(Locale.ROOT);
        };
    }
}
