package io.tenantwatch.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantwatch.app.TenantWatch;
import io.tenantwatch.testkit.RepositoryFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What the documentation tells users to type exists: every {@code tenantwatch} command line in the
 * README and docs/ (in code blocks, and in inline code) names real commands and real options of
 * them, and the command reference (docs/cli.md) lists every option of every command.
 */
class DocumentedCommandsTest {

    private static final Pattern INLINE_CODE = Pattern.compile("`([^`]+)`");
    /** Inline code that starts with a command without the program name: `replay --stats`. */
    private static final Pattern BARE_SUBCOMMAND = Pattern.compile("^(run|replay|demo|rules|tenancy|bench)\\s+--.*");

    private static final Pattern PROGRAM = Pattern.compile("(\\./)?tenantwatch|\\S*/tenantwatch\\.jar");
    private static final Pattern WORD = Pattern.compile("[a-z][a-z-]*");

    @Test
    void everyDocumentedCommandLineNamesRealCommandsAndOptions() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (MarkdownPage page : MarkdownPage.userDocumentation()) {
            for (String command : commandLines(page)) {
                checked++;
                String problem = problemOf(command);
                if (problem != null) {
                    wrong.add(page.name() + ": `" + command + "`: " + problem);
                }
            }
        }
        assertThat(checked).as("command lines checked").isGreaterThan(40);
        assertThat(wrong)
                .as("documented commands that tenantwatch does not have")
                .isEmpty();
    }

    @Test
    void aMisspeltOptionOrCommandIsCaught() {
        assertThat(problemOf("./tenantwatch run --tenancy t.yaml --clusters aks"))
                .contains("--clusters");
        assertThat(problemOf("tenantwatch rules check --config d.yaml")).contains("check");
        assertThat(problemOf("replay --stat")).contains("--stat");
        assertThat(problemOf("java -jar app/target/tenantwatch.jar replay --format text -"))
                .isNull();
    }

    @Test
    void theCommandReferenceListsEveryOptionOfEveryCommand() {
        MarkdownPage reference = MarkdownPage.read(RepositoryFiles.file("docs/cli.md"));
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, CommandLine> command :
                TenantWatch.commandLine().getSubcommands().entrySet()) {
            if (command.getKey().equals("help")) {
                continue;
            }
            String section = section(reference, command.getKey());
            if (section == null) {
                missing.add("a section '## " + command.getKey() + "'");
                continue;
            }
            for (CommandLine each : withSubcommands(command.getValue())) {
                for (OptionSpec option : each.getCommandSpec().options()) {
                    if (option.usageHelp() || option.versionHelp()) {
                        continue;
                    }
                    if (!Pattern.compile(Pattern.quote(option.longestName()) + "(?![\\w-])")
                            .matcher(section)
                            .find()) {
                        missing.add(each.getCommandSpec().qualifiedName() + " " + option.longestName());
                    }
                }
                if (each != command.getValue() && !section.contains(each.getCommandName())) {
                    missing.add(each.getCommandSpec().qualifiedName());
                }
            }
        }
        assertThat(missing)
                .as("commands and options that docs/cli.md does not describe")
                .isEmpty();
    }

    /** Command lines of a page: shell lines of its code blocks, and inline code that is a command. */
    private static List<String> commandLines(MarkdownPage page) {
        List<String> lines = new ArrayList<>();
        StringBuilder continued = new StringBuilder();
        for (String line : page.codeLines()) {
            if (line.endsWith("\\")) {
                continued.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            String whole = continued.append(line).toString();
            continued.setLength(0);
            for (String segment : whole.split("\\||&&|;|\\$\\(")) {
                String command = segment.strip().replaceFirst("^\\$\\s+", "").replaceFirst("^#.*", "");
                if (startsWithProgram(command)) {
                    lines.add(command.replaceFirst("\\s+#.*$", ""));
                }
            }
        }
        for (String line : page.proseLines()) {
            Matcher code = INLINE_CODE.matcher(line);
            while (code.find()) {
                String text = code.group(1).strip();
                if (startsWithProgram(text) || BARE_SUBCOMMAND.matcher(text).matches()) {
                    lines.add(text);
                }
            }
        }
        return lines;
    }

    private static boolean startsWithProgram(String command) {
        String[] tokens = command.split("\\s+");
        if (tokens.length >= 3 && tokens[0].equals("java") && tokens[1].equals("-jar")) {
            return PROGRAM.matcher(tokens[2]).matches()
                    && tokens.length > 3
                    && WORD.matcher(tokens[3]).matches();
        }
        // The program followed by a word: "tenantwatch tenancy: …" is a message it printed, not a command.
        return tokens.length >= 2
                && PROGRAM.matcher(tokens[0]).matches()
                && WORD.matcher(tokens[1]).matches();
    }

    /** What is wrong with a command line, or null: an unknown command, or an option the command lacks. */
    static String problemOf(String commandLine) {
        List<String> tokens = new ArrayList<>(List.of(commandLine.strip().split("\\s+")));
        if (tokens.get(0).equals("java")) {
            tokens.subList(0, 3).clear();
        } else if (PROGRAM.matcher(tokens.get(0)).matches()) {
            tokens.remove(0);
        }
        CommandLine command = TenantWatch.commandLine();
        while (!tokens.isEmpty() && WORD.matcher(tokens.get(0)).matches()) {
            CommandLine sub = command.getSubcommands().get(tokens.get(0));
            if (sub == null) {
                if (!command.getSubcommands().isEmpty()) {
                    return "no command '" + tokens.get(0) + "' in "
                            + command.getCommandSpec().qualifiedName();
                }
                break;
            }
            command = sub;
            tokens.remove(0);
        }
        for (String token : tokens) {
            String name = token.replaceAll("^[\\[(]+", "").replaceAll("[=\\[\\]().,].*$", "");
            if (name.startsWith("--")
                    && name.length() > 2
                    && command.getCommandSpec().findOption(name) == null) {
                return command.getCommandSpec().qualifiedName() + " has no option " + name;
            }
        }
        return null;
    }

    /** The text of docs/cli.md's "## name" section. */
    private static String section(MarkdownPage page, String name) {
        String text = String.join("\n", page.proseLines());
        Matcher start =
                Pattern.compile("(?m)^## " + Pattern.quote(name) + "\\s*$").matcher(text);
        if (!start.find()) {
            return null;
        }
        Matcher next = Pattern.compile("(?m)^## ").matcher(text);
        int end = next.find(start.end()) ? next.start() : text.length();
        return text.substring(start.end(), end);
    }

    private static List<CommandLine> withSubcommands(CommandLine command) {
        List<CommandLine> all = new ArrayList<>();
        all.add(command);
        for (CommandLine sub : command.getSubcommands().values()) {
            all.addAll(withSubcommands(sub));
        }
        return all;
    }
}
