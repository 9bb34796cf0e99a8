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
            String.valueOf(ex.getMessage())
                    .lines()
                    .forEach(line -> err.println("tenantwatch " + cmd.getCommandName() + ": " + line));
            if (debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return USAGE;
        }
        err.println("tenantwatch " + cmd.getCommandName() + ": internal error: " + describe(ex)
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
        err.println("tenantwatch " + cmd.getCommandName() + ": " + ex.getMessage());
        err.println("Try 'tenantwatch " + (cmd.getParent() == null ? "" : cmd.getCommandName() + " ")
                + "--help' for usage.");
        err.flush();
        return USAGE;
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return ex.getClass().getSimpleName()
                + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
