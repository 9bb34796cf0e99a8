package io.tenantwatch.alerting.routes;

import io.tenantwatch.schemas.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * One condition of a route on a name (tenant, namespace, detector, cluster): any of its globs
 * matches; the empty pattern {@code ""} matches an absent name (an alert with no tenant or
 * namespace). Compiled once when the file is loaded.
 */
final class NameMatch {

    private final Glob[] globs;
    private final boolean matchesAbsent;
    private final List<String> patterns;

    private NameMatch(Glob[] globs, boolean matchesAbsent, List<String> patterns) {
        this.globs = globs;
        this.matchesAbsent = matchesAbsent;
        this.patterns = patterns;
    }

    /** @throws IllegalArgumentException for a pattern that is no glob */
    static NameMatch of(List<String> patterns) {
        List<Glob> globs = new ArrayList<>();
        boolean absent = false;
        for (String p : patterns) {
            if (p.isEmpty()) {
                absent = true;
            } else {
                globs.add(Glob.compile(p));
            }
        }
        return new NameMatch(globs.toArray(new Glob[0]), absent, List.copyOf(patterns));
    }

    boolean matches(String name) {
        if (name == null || name.isEmpty()) {
            return matchesAbsent;
        }
        for (Glob g : globs) {
            if (g.matches(name)) {
                return true;
            }
        }
        return false;
    }

    List<String> patterns() {
        return patterns;
    }

    @Override
    public String toString() {
        return patterns.toString();
    }
}
