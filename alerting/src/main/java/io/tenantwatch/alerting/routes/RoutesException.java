package io.tenantwatch.alerting.routes;

import java.util.List;

/** A routes file that cannot be used: every problem found, one line each, naming the file and the path of the entry. */
public final class RoutesException extends Exception {

    private final List<String> problems;

    public RoutesException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
