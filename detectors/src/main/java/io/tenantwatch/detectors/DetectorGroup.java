package io.tenantwatch.detectors;

/** The catalogue groups of docs/detectors.md; each maps to one package. */
public enum DetectorGroup {
    CROSS_TENANT("A", "crosstenant"),
    WORKLOAD("B", "workload"),
    INTERACTIVE("C", "interactive"),
    RBAC("D", "rbac"),
    CONTROL_PLANE("E", "controlplane"),
    STATEFUL("F", "stateful"),
    RUNTIME("G", "runtime"),
    /** Operators' own CEL rules from detectors.yaml. */
    CUSTOM("X", "config");

    private final String letter;
    private final String packageName;

    DetectorGroup(String letter, String packageName) {
        this.letter = letter;
        this.packageName = packageName;
    }

    public String letter() {
        return letter;
    }

    public String packageName() {
        return packageName;
    }
}
