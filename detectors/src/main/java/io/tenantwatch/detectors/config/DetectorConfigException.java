package io.tenantwatch.detectors.config;

import java.util.List;

/** A detector file that cannot be used: every problem found, one line each, naming file and key. */
public final class DetectorConfigException extends Exception {

    private final List<String> problems;

    public DetectorConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
