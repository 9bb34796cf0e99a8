package io.tenantwatch.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A link to a section lands on that section: every relative link with an anchor
 * ({@code tenancy.md#checking-a-file}, {@code #try-it}) names a heading of its target page as
 * GitHub renders it. Links to files are checked by the deploy module's RepositoryStandsAloneTest;
 * an anchor that no longer exists fails silently in a browser, so it is checked here.
 */
class DocumentationAnchorsTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void everyAnchorOfARelativeLinkNamesAHeadingOfItsPage() {
        Map<Path, MarkdownPage> pages = new HashMap<>();
        for (MarkdownPage page : MarkdownPage.allInRepository()) {
            pages.put(page.file().normalize(), page);
        }
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (MarkdownPage page : pages.values()) {
            for (String line : page.proseLines()) {
                Matcher link = LINK.matcher(line);
                while (link.find()) {
                    String target = link.group(1);
                    int hash = target.indexOf('#');
                    if (hash < 0 || target.matches("^[a-z]+:.*")) {
                        continue;
                    }
                    String path = target.substring(0, hash);
                    String anchor = target.substring(hash + 1);
                    Path file = path.isEmpty()
                            ? page.file().normalize()
                            : page.file().getParent().resolve(path).normalize();
                    if (!file.getFileName().toString().endsWith(".md")) {
                        continue;
                    }
                    checked++;
                    MarkdownPage targetPage = pages.get(file);
                    if (targetPage == null && Files.isRegularFile(file)) {
                        targetPage = MarkdownPage.read(file);
                    }
                    if (targetPage == null) {
                        broken.add(page.name() + " -> " + target + " (no such page)");
                    } else if (!targetPage.anchors().contains(anchor)) {
                        broken.add(page.name() + " -> " + target + " (no such heading in " + targetPage.name() + ")");
                    }
                }
            }
        }
        assertThat(checked).as("links with an anchor checked").isGreaterThan(20);
        assertThat(broken).as("links whose anchor names no heading").isEmpty();
    }

    @Test
    void anchorsAreTheOnesGitHubGivesHeadings() {
        assertThat(MarkdownPage.slug("6. Is it working?")).isEqualTo("6-is-it-working");
        assertThat(MarkdownPage.slug("Dead-letter records (tw.dlq)")).isEqualTo("dead-letter-records-twdlq");
        assertThat(MarkdownPage.slug("AKS Diagnostic Settings → Event Hubs"))
                .isEqualTo("aks-diagnostic-settings--event-hubs");
        assertThat(MarkdownPage.slug("Tenants: `tenant` and `actorTenants`"))
                .isEqualTo("tenants-tenant-and-actortenants");
        assertThat(MarkdownPage.slug("Name the cluster's address ranges"))
                .isEqualTo("name-the-clusters-address-ranges");
    }
}
