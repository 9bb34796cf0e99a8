package io.tenantwatch.detectors.config;

import io.tenantwatch.detectors.DetectorGroup;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code docs/detectors.md}, rendered from the catalogue itself so that it cannot drift from the
 * code: every detector with its group, default severity, MITRE mapping, title and tunable
 * parameters with their defaults. A test compares the committed file with this rendering.
 */
public final class CatalogueDoc {

    private CatalogueDoc() {}

    public static String markdown(List<DetectorDefinition> catalogue) {
        StringBuilder out = new StringBuilder(8192);
        out.append("# Detectors\n\n")
                .append("Generated from the detector registry by `tenantwatch rules docs`; a test keeps it in step.\n")
                .append("The catalogue and the terms it uses are defined in `../shared/design/DETECTORS.md`.\n")
                .append("Tune any of them in `detectors.yaml` (`--config`): `enabled`, `severity`, the parameters below,\n")
                .append("exceptions, per-tenant overrides and custom CEL rules; `tenantwatch rules validate --config FILE`\n")
                .append("checks a file.\n");
        for (DetectorGroup group : DetectorGroup.values()) {
            List<DetectorDefinition> inGroup = catalogue.stream().filter(d -> d.spec().group() == group).toList();
            if (inGroup.isEmpty()) {
                continue;
            }
            out.append("\n## ").append(group.letter()).append(". ").append(title(group)).append("\n\n")
                    .append("| id | severity | MITRE ATT&CK | title | parameters (default) |\n")
                    .append("|---|---|---|---|---|\n");
            for (DetectorDefinition d : inGroup) {
                out.append("| `").append(d.id()).append("` | ").append(d.spec().severity().label()).append(" | ")
                        .append(nullToDash(d.spec().mitre().tactic())).append(" / ").append(nullToDash(d.spec().mitre().technique()))
                        .append(" | ").append(d.spec().title()).append(" | ").append(params(d)).append(" |\n");
            }
        }
        return out.toString();
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
