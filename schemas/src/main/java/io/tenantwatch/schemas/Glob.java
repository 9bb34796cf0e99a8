package io.tenantwatch.schemas;

import java.util.List;

/**
 * A shell glob over a whole name, as the tenancy file and detector exceptions use them: {@code *}
 * matches any run of characters, {@code ?} exactly one; everything else is literal. Compiled once,
 * matched without allocation.
 */
public final class Glob {

    private final String pattern;
    private final boolean literal;

    private Glob(String pattern) {
        this.pattern = pattern;
        this.literal = pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0;
    }

    /** @throws IllegalArgumentException for an empty pattern or one with characters no name can hold */
    public static Glob compile(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("empty glob");
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (Character.isWhitespace(c) || c == '[' || c == ']' || c == '{' || c == '}') {
                throw new IllegalArgumentException("glob '" + pattern + "' has '" + c + "' at " + i
                        + " (only * and ? are special; no spaces, brackets or braces)");
            }
        }
        return new Glob(pattern);
    }

    public String pattern() {
        return pattern;
    }

    /** True when the pattern has no wildcard: an exact name, which beats any glob. */
    public boolean isLiteral() {
        return literal;
    }

    public boolean matches(String name) {
        if (name == null) {
            return false;
        }
        if (literal) {
            return pattern.equals(name);
        }
        // Iterative wildcard matching with one backtrack point: linear in practice, no regex.
        int p = 0;
        int n = 0;
        int star = -1;
        int mark = 0;
        while (n < name.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == name.charAt(n))) {
                p++;
                n++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = n;
            } else if (star >= 0) {
                p = star + 1;
                n = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** True when any of {@code globs} matches {@code name}; never for null. */
    public static boolean anyMatches(List<Glob> globs, String name) {
        if (name == null) {
            return false;
        }
        for (Glob g : globs) {
            if (g.matches(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
