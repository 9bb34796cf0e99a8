package io.tenantwatch.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Alert severity, ordered from least to most severe so that {@code compareTo} ranks them. */
public enum Severity {
    INFO("info"),
    LOW("low"),
    MEDIUM("medium"),
    HIGH("high"),
    CRITICAL("critical");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** One level up, capped at critical (used for platform namespaces). */
    public Severity raised() {
        return this == CRITICAL ? CRITICAL : values()[ordinal() + 1];
    }

    @JsonCreator
    public static Severity fromLabel(String label) {
        for (Severity s : values()) {
            if (s.label.equalsIgnoreCase(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "unknown severity '" + label + "' (expected one of info, low, medium, high, critical)");
    }
}
