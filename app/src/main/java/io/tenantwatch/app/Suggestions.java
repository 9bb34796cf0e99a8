package io.tenantwatch.app;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * "Did you mean" for a mistyped command or option. picocli's own suggestions compare letter pairs,
 * so they miss the commonest typo, two swapped letters ({@code rnu} shares no pair with {@code
 * run}); they are used when they exist, and an edit distance that counts a swap as one edit fills
 * in when they do not.
 */
final class Suggestions {

    private Suggestions() {}

    /** The suggestion line for a usage error, or null when there is nothing close to suggest. */
    static String forError(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException unmatched)) {
            return null;
        }
        List<String> candidates = unmatched.getSuggestions();
        if (candidates.isEmpty() && !unmatched.getUnmatched().isEmpty()) {
            String typed = unmatched.getUnmatched().get(0);
            candidates =
                    close(typed, unmatched.isUnknownOption() ? optionNames(ex.getCommandLine()) : commandNames(ex));
        }
        return candidates.isEmpty() ? null : "Did you mean: " + String.join(" or ", candidates) + "?";
    }

    private static Collection<String> commandNames(CommandLine.ParameterException ex) {
        return ex.getCommandLine().getSubcommands().keySet();
    }

    private static List<String> optionNames(CommandLine cmd) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : cmd.getCommandSpec().options()) {
            names.addAll(List.of(option.names()));
        }
        return names;
    }

    /** The names at most two edits away, and fewer edits than half their length (so "ab" does not suggest "run"). */
    static List<String> close(String typed, Collection<String> names) {
        String bare = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        List<String> out = new ArrayList<>();
        for (String name : names) {
            int distance = distance(bare, name);
            if (distance > 0 && distance <= 2 && distance * 2 < name.length()) {
                out.add(name);
            }
        }
        return out;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
