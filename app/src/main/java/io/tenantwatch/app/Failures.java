package io.tenantwatch.app;

import io.tenantwatch.schemas.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * One place that turns failures into exit codes and clear lines on stderr: 2 for usage errors
 * ({@link UsageException}) and configuration errors ({@link ConfigException}, one line per problem,
 * each naming the file or option, as docs/alerting.md shows them), 1 for internal failures. A
 * stack trace only with {@code --debug}. Commands let both kinds through rather than catch and
 * re-wrap them.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    static final int USAGE = CommandLine.ExitCode.USAGE;
    static final int INTERNAL = CommandLine.ExitCode.SOFTWARE;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean debug = parseResult.subcommand() != null
                ? parseResult.subcommand().hasMatchedOption("--debug")
                : parseResult.hasMatchedOption("--debug");
        if (ex instanceof UsageException || ex instanceof ConfigException) {
            // One line per problem, each with the prefix, so that every line stands on its own in a log.
            String.valueOf(ex.getMessage()).lines().forEach(line -> err.println(typedName(cmd) + ": " + line));
            if (debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return USAGE;
        }
        err.println(typedName(cmd) + ": internal error: " + describe(ex)
                + (debug ? "" : " (run with --debug for details)"));
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return INTERNAL;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String prefix = typedName(cmd) + ": ";
        err.println(prefix + ex.getMessage());
        String suggestion = Suggestions.forError(ex);
        if (suggestion != null) {
            err.println(prefix + suggestion);
        }
        err.println("Try '" + typedName(cmd) + " --help' for usage.");
        err.flush();
        return USAGE;
    }

    /**
     * The command as the user typed it, from {@code tenantwatch} down ({@code tenantwatch rules list}):
     * the bare name alone would read {@code tenantwatch list} or {@code tenantwatch tenantwatch}.
     */
    static String typedName(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName();
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return ex.getClass().getSimpleName()
                + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
