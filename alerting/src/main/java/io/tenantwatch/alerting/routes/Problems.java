package io.tenantwatch.alerting.routes;

import java.util.ArrayList;
import java.util.List;

/** Problems of one file, each prefixed with its name and the path of the entry. */
final class Problems {
    private final String file;
    private final List<String> lines = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void add(String path, String problem) {
        lines.add(file + ": " + path + ": " + problem);
    }

    int count() {
        return lines.size();
    }

    void throwIfAny() throws RoutesException {
        if (!lines.isEmpty()) {
            throw new RoutesException(lines);
        }
    }
}
