package io.tenantwatch.app;

import io.tenantwatch.app.bench.BenchCommand;
import io.tenantwatch.app.demo.DemoCommand;
import io.tenantwatch.app.logging.LogProvider;
import io.tenantwatch.app.replay.ReplayCommand;
import io.tenantwatch.app.rules.RulesCommand;
import io.tenantwatch.app.service.RunCommand;
import io.tenantwatch.app.tenancy.TenancyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tenantwatch} command: one picocli subcommand per verb, and a thin main. */
@Command(
        name = "tenantwatch",
        header = "Run-time security monitor for multi-tenant Kubernetes.",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description =
                "Run-time security monitor for multi-tenant Kubernetes: attributes audit events and Falco alerts to tenants and raises cross-tenant and privileged-activity alerts.",
        subcommands = {
            RunCommand.class,
            ReplayCommand.class,
            DemoCommand.class,
            RulesCommand.class,
            TenancyCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class TenantWatch implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "a command is required (run, replay, demo, rules, tenancy, bench)");
    }

    /** The command line with tenantwatch's error handling: exit 2 for usage, 1 for internal failures. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new TenantWatch());
        shareVersion(cmd);
        cmd.setExecutionExceptionHandler(new Failures());
        cmd.setParameterExceptionHandler(new Failures());
        return cmd;
    }

    /** Every subcommand's {@code --version} prints what the top command's does. */
    private static void shareVersion(CommandLine cmd) {
        for (CommandLine sub : cmd.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(new Version());
            shareVersion(sub);
        }
    }

    public static void main(String[] args) {
        LogProvider.select();
        System.exit(commandLine().execute(args));
    }
}
