package io.tenantwatch.detectors.config;

import java.time.Duration;
import java.util.List;

/**
 * One tunable parameter of a detector, as operators write it under the detector's key in
 * {@code detectors.yaml}: its name, its type and its default (what the detector does untuned).
 */
public record ParamSpec(String name, Type type, Object defaultValue, String description) {

    public enum Type {
        BOOLEAN("a boolean"),
        INTEGER("an integer"),
        STRING("a string"),
        STRING_LIST("a list of strings"),
        DURATION("a duration such as 30s, 10m or 1h"),
        CIDR_LIST("a list of address ranges such as 10.244.0.0/16 or fd00::/8");

        private final String phrase;

        Type(String phrase) {
            this.phrase = phrase;
        }

        public String phrase() {
            return phrase;
        }
    }

    public static ParamSpec bool(String name, boolean defaultValue, String description) {
        return new ParamSpec(name, Type.BOOLEAN, defaultValue, description);
    }

    public static ParamSpec stringList(String name, List<String> defaultValue, String description) {
        return new ParamSpec(name, Type.STRING_LIST, List.copyOf(defaultValue), description);
    }

    public static ParamSpec integer(String name, long defaultValue, String description) {
        return new ParamSpec(name, Type.INTEGER, defaultValue, description);
    }

    /** A duration, kept as operators write it ({@code 10m}) and read with {@link Params#duration}. */
    public static ParamSpec duration(String name, Duration defaultValue, String description) {
        return new ParamSpec(name, Type.DURATION, DetectorConfigLoader.formatDuration(defaultValue), description);
    }

    public static ParamSpec cidrList(String name, List<String> defaultValue, String description) {
        return new ParamSpec(name, Type.CIDR_LIST, List.copyOf(defaultValue), description);
    }
}
