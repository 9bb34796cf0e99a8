package io.tenantwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.testkit.RepositoryFiles;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A clone of the repository alone is all a user has: no file may send them to a directory beside
 * the checkout, and every relative link in the Markdown documentation must resolve inside the
 * repository.
 */
class RepositoryStandsAloneTest {

    private static final Path ROOT = RepositoryFiles.root();
    private static final Set<String> NOT_OURS =
            Set.of(".git", "target", ".tenantwatch", ".idea", ".vscode", "node_modules");
    // Written in two parts so that this file does not match itself.
    private static final String SIBLING_DIR = ".." + "/shared";
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void noFileRefersToADirectoryBesideTheCheckout() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : repositoryFiles()) {
            String text = readText(file);
            if (text != null && text.contains(SIBLING_DIR)) {
                offenders.add(ROOT.relativize(file).toString());
            }
        }
        assertThat(offenders)
                .as("files that refer to " + SIBLING_DIR + ", which a clone does not have")
                .isEmpty();
    }

    @Test
    void everyRelativeLinkInTheDocumentationResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path file : repositoryFiles()) {
            // Markdown resources are fragments that a generator renders into docs/, where their links resolve.
            if (!file.getFileName().toString().endsWith(".md")
                    || file.toString().contains("/src/main/resources/")) {
                continue;
            }
            Matcher m = MARKDOWN_LINK.matcher(readText(file));
            while (m.find()) {
                String target = m.group(1);
                if (target.startsWith("http://")
                        || target.startsWith("https://")
                        || target.startsWith("mailto:")
                        || target.startsWith("#")) {
                    continue;
                }
                links++;
                String path = target.replaceFirst("#.*$", "");
                Path resolved = file.getParent().resolve(path).normalize();
                if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    broken.add(ROOT.relativize(file) + " -> " + target);
                }
            }
        }
        assertThat(links).as("relative links checked").isGreaterThan(10);
        assertThat(broken)
                .as("relative links that lead nowhere in the repository")
                .isEmpty();
    }

    @Test
    void theLicenceAndTheCorpusProvenanceAreThere() throws IOException {
        assertThat(Files.readString(ROOT.resolve("LICENSE"))).contains("Apache License", "Version 2.0");
        assertThat(Files.readString(ROOT.resolve("NOTICE"))).contains("testdata/corpus", "CC BY 4.0");
        String provenance = Files.readString(ROOT.resolve("testdata/corpus/PROVENANCE.md"));
        try (Stream<Path> corpus = Files.walk(ROOT.resolve("testdata/corpus"))) {
            List<String> unlisted = corpus.filter(Files::isRegularFile)
                    .map(f -> ROOT.resolve("testdata/corpus").relativize(f).toString())
                    .filter(name -> !name.equals("PROVENANCE.md") && !name.equals("SHA256SUMS"))
                    .filter(name -> !provenance.contains("| " + name + " |"))
                    .toList();
            assertThat(unlisted)
                    .as("corpus files without a provenance row (source, commit, licence)")
                    .isEmpty();
        }
    }

    private static List<Path> repositoryFiles() throws IOException {
        try (Stream<Path> all = Files.walk(ROOT)) {
            return all.filter(Files::isRegularFile)
                    .filter(f -> {
                        for (Path part : ROOT.relativize(f)) {
                            if (NOT_OURS.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .toList();
        }
    }

    /** The file as UTF-8 text, or null for a binary file. */
    private static String readText(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException binary) {
            return null;
        }
    }
}
