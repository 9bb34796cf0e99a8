package io.tenantwatch.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What kind of principal made a request; {@code process} for a Falco alert's process user. */
public enum ActorType {
    USER("user"),
    SERVICEACCOUNT("serviceaccount"),
    NODE("node"),
    ANONYMOUS("anonymous"),
    PROCESS("process");

    private final String label;

    ActorType(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static ActorType fromLabel(String label) {
        for (ActorType t : values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown actor type: " + label);
    }
}
