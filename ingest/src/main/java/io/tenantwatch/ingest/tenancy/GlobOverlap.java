package io.tenantwatch.ingest.tenancy;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Whether two whole-name shell globs ({@code *} any run, {@code ?} one character, as
 * {@link io.tenantwatch.schemas.Glob}) can match the same name, with an example name. A search over
 * pairs of pattern positions (the product of the two patterns' automata): quadratic in the pattern
 * lengths, no regex, no enumeration of names.
 */
final class GlobOverlap {

    private GlobOverlap() {}

    /** A name both patterns match, or null when there is none. */
    static String example(String a, String b) {
        int width = b.length() + 1;
        int states = (a.length() + 1) * width;
        int[] parent = new int[states];
        char[] via = new char[states]; // the character consumed to get here; 0 for a free move past a '*'
        boolean[] seen = new boolean[states];
        Deque<Integer> queue = new ArrayDeque<>();
        seen[0] = true;
        queue.add(0);
        while (!queue.isEmpty()) {
            int s = queue.poll();
            int i = s / width;
            int j = s % width;
            if (i == a.length() && j == b.length()) {
                // Only all-'*' patterns meet on the empty name, and those match every name.
                String name = path(parent, via, s);
                return name.isEmpty() ? "x" : name;
            }
            // A '*' may match nothing.
            if (i < a.length() && a.charAt(i) == '*') {
                visit(queue, seen, parent, via, s, (i + 1) * width + j, (char) 0);
            }
            if (j < b.length() && b.charAt(j) == '*') {
                visit(queue, seen, parent, via, s, i * width + j + 1, (char) 0);
            }
            // Both consume one character: a '*' stays, anything else advances.
            if (i < a.length() && j < b.length()) {
                char ca = a.charAt(i);
                char cb = b.charAt(j);
                boolean wildA = ca == '*' || ca == '?';
                boolean wildB = cb == '*' || cb == '?';
                if (wildA || wildB || ca == cb) {
                    char c = !wildA ? ca : !wildB ? cb : 'x';
                    int ni = ca == '*' ? i : i + 1;
                    int nj = cb == '*' ? j : j + 1;
                    visit(queue, seen, parent, via, s, ni * width + nj, c);
                }
            }
        }
        return null;
    }

    private static void visit(
            Deque<Integer> queue, boolean[] seen, int[] parent, char[] via, int from, int to, char c) {
        if (!seen[to]) {
            seen[to] = true;
            parent[to] = from;
            via[to] = c;
            queue.add(to);
        }
    }

    private static String path(int[] parent, char[] via, int state) {
        StringBuilder name = new StringBuilder();
        for (int s = state; s != 0; s = parent[s]) {
            if (via[s] != 0) {
                name.append(via[s]);
            }
        }
        return name.reverse().toString();
    }
}
