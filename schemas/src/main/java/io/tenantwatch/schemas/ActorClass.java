package io.tenantwatch.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Who an actor is, decided once per event (docs/detectors.md, "Actor classes"; first match wins). */
public enum ActorClass {
    PLATFORM("platform"),
    ANONYMOUS("anonymous"),
    ADMIN("admin"),
    TENANT_MEMBER("tenant-member"),
    UNATTRIBUTED("unattributed");

    private final String label;

    ActorClass(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static ActorClass fromLabel(String label) {
        for (ActorClass c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown actor class: " + label);
    }
}
