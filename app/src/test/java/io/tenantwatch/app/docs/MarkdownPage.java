package io.tenantwatch.app.docs;

import io.tenantwatch.testkit.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Markdown page of the repository, split the way the documentation tests read it: prose lines
 * (outside fenced code blocks), the lines of fenced code blocks, and the anchors its headings get
 * on GitHub.
 */
record MarkdownPage(Path file, List<String> proseLines, List<String> codeLines, Set<String> anchors) {

    private static final Path ROOT = RepositoryFiles.root();
    private static final Set<String> NOT_OURS =
            Set.of(".git", "target", ".tenantwatch", ".idea", ".vscode", "node_modules");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");

    /** The README and every page of docs/: the user documentation. */
    static List<MarkdownPage> userDocumentation() {
        List<MarkdownPage> pages = new ArrayList<>();
        pages.add(read(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(f -> f.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .forEach(f -> pages.add(read(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    /**
     * Every Markdown file of the repository but build output and resource fragments (which a
     * generator renders into docs/, where their links resolve).
     */
    static List<MarkdownPage> allInRepository() {
        try (Stream<Path> all = Files.walk(ROOT)) {
            return all.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".md"))
                    .filter(f -> !f.toString().contains("/src/main/resources/"))
                    .filter(MarkdownPage::ours)
                    .sorted()
                    .map(MarkdownPage::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MarkdownPage read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> prose = new ArrayList<>();
        List<String> code = new ArrayList<>();
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        String fence = null;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
                fence = trimmed.substring(0, 3);
                continue;
            }
            if (fence != null) {
                if (trimmed.startsWith(fence)) {
                    fence = null;
                } else {
                    code.add(line);
                }
                continue;
            }
            prose.add(line);
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                // GitHub numbers repeated headings: the second "Metrics" is #metrics-1.
                String slug = slug(heading.group(1));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
            Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find()) {
                anchors.add(html.group(1));
            }
        }
        return new MarkdownPage(file, prose, code, anchors);
    }

    /** The anchor GitHub gives a heading: lower case, punctuation dropped, each space a hyphen. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
        return text.strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}\\s_-]", "")
                .replace(' ', '-');
    }

    /** The path from the repository root, for messages. */
    String name() {
        return ROOT.relativize(file).toString();
    }

    private static boolean ours(Path file) {
        for (Path part : ROOT.relativize(file)) {
            if (NOT_OURS.contains(part.toString())) {
                return false;
            }
        }
        return true;
    }
}
